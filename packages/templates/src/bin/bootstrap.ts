// `stackyard-templates bootstrap [--format json|yaml]`: the once-per-account-and-region bootstrap stack.
import { renderBootstrap } from "../bootstrap/template.js";
import type { CliIo } from "./io.js";

export function runBootstrap(format: string | undefined, io: CliIo): number {
  const chosen = format ?? "json";
  if (chosen !== "json" && chosen !== "yaml") {
    io.stderr("--format must be json or yaml for bootstrap\n");
    return 2;
  }
  io.stdout(renderBootstrap(chosen));
  return 0;
}

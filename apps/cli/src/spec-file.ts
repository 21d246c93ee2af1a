// Reads an environment spec (JSON or YAML; "-" is stdin) and parses it with the shared zod schema
// (@stackyard/templates), so every invalid field is named by its path before the portal is asked.
import { readFile } from "node:fs/promises";
import { type EnvironmentSpec, parseEnvironmentSpec } from "@stackyard/templates";
import { parse as parseYaml } from "yaml";
import { badInput } from "./errors.js";
import type { Io } from "./io.js";

async function readText(file: string, io: Io): Promise<string> {
  if (file === "-") {
    if (!io.readStdin) throw badInput("--spec - needs the spec on stdin");
    return io.readStdin();
  }
  try {
    return await readFile(file, "utf8");
  } catch (error) {
    throw badInput(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? "error"}`);
  }
}

/** JSON unless the file is named .yaml/.yml; stdin may be either (JSON is YAML). */
function parseText(file: string, text: string): unknown {
  const yaml = file === "-" || /\.ya?ml$/i.test(file);
  try {
    return yaml ? parseYaml(text) : JSON.parse(text);
  } catch (error) {
    const first = (error as Error).message.split("\n")[0];
    throw badInput(`${file === "-" ? "stdin" : file} is not valid ${yaml ? "YAML" : "JSON"}: ${first}`);
  }
}

export async function loadSpec(file: string, io: Io): Promise<EnvironmentSpec> {
  const parsed = parseEnvironmentSpec(parseText(file, await readText(file, io)));
  if (!parsed.ok) {
    const fields = parsed.errors.map((e) => `${e.path || "(spec)"}: ${e.message}`).join("; ");
    throw badInput(`invalid spec ${file === "-" ? "on stdin" : file}: ${fields}`);
  }
  return parsed.spec;
}

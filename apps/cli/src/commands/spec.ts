// stackyard spec example [--name N] [--yaml]: a valid spec, every field at the shared schema's default
// (@stackyard/templates), to edit and pass to plan or deploy.
import { parseEnvironmentSpec } from "@stackyard/templates";
import { stringify } from "yaml";
import { parse } from "../args.js";
import { badInput } from "../errors.js";
import type { Command } from "./command.js";

export const spec: Command = {
  usage: "spec example [--name NAME] [--yaml]          print a valid spec with the schema's defaults",
  async run(args, io) {
    const { values, positionals } = parse("spec", args, {
      name: { type: "string" },
      yaml: { type: "boolean" },
    });
    if (positionals.length !== 1 || positionals[0] !== "example") {
      throw badInput("spec needs a subcommand: spec example");
    }
    const parsed = parseEnvironmentSpec(values.name ? { name: values.name } : {});
    if (!parsed.ok)
      throw badInput(`--name: ${parsed.errors.map((e) => `${e.path}: ${e.message}`).join("; ")}`);
    const example = parsed.spec;
    io.stdout(values.yaml ? stringify(example) : `${JSON.stringify(example, null, 2)}\n`);
    return 0;
  },
};

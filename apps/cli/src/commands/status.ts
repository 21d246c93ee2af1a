// stackyard status NAME [--target T] [--json]: the environment's status, target, region, last operation
// and, once live, its app URL.
import { jsonOption, onlyName, parse, targetOption } from "../args.js";
import { connect } from "../credentials.js";
import { findByName } from "../environments.js";
import { statusLine } from "../format.js";
import type { Command } from "./command.js";

export const status: Command = {
  usage: "status NAME [--target local|aws] [--json]   the environment's status, last operation and app URL",
  async run(args, io) {
    const { values, positionals } = parse("status", args, { ...jsonOption, ...targetOption });
    const name = onlyName(positionals, "status");
    const row = await findByName(await connect(io), name, values.target);
    io.stdout(values.json ? `${JSON.stringify(row, null, 2)}\n` : `${statusLine(row)}\n`);
    return 0;
  },
};

// stackyard events NAME [--after ID] [--follow] [--json]: the environment's stack events from a cursor
// (every line of --json carries its id: pass the last one as --after to resume without gaps or repeats).
// --follow then follows the running operation until it ends, with its exit code; Ctrl-C stops following.
import { jsonOption, onlyName, parse, targetOption } from "../args.js";
import { connect } from "../credentials.js";
import { type EnvironmentDetail, eventsAfter, findByName, RUNNING } from "../environments.js";
import { badInput } from "../errors.js";
import { follow } from "../follow.js";
import { report } from "../outcome.js";
import { jsonReporter, plainReporter } from "../reporters.js";
import type { Command } from "./command.js";

export const events: Command = {
  usage:
    "events NAME [--after ID] [--follow] [--target local|aws] [--json]\n" +
    "                                    stack events after the cursor ID; --follow waits for the running operation",
  async run(args, io) {
    const options = {
      ...jsonOption,
      ...targetOption,
      follow: { type: "boolean" },
      after: { type: "string" },
    } as const;
    const { values, positionals } = parse("events", args, options);
    const name = onlyName(positionals, "events");
    if (values.after !== undefined && !/^\d{1,19}$/.test(values.after)) {
      throw badInput(`--after must be an event id (digits), not ${values.after}`);
    }
    const portal = await connect(io);
    const row = await findByName(portal, name, values.target);
    const reporter = values.json ? jsonReporter(io) : plainReporter(io);
    const detail = await portal.query<EnvironmentDetail>("environments.get", { id: row.id });
    const running = detail.operations.find((o) => RUNNING.has(o.status));
    if (!values.follow || !running) {
      for (const event of await eventsAfter(portal, row.id, values.after ?? null)) reporter.event(event);
      if (values.follow) io.stderr(`stackyard: ${name} is ${detail.status}: no operation is running\n`);
      return 0;
    }
    const request = { environmentId: row.id, operationId: null, after: values.after ?? null };
    const outcome = await follow(portal, request, reporter, io);
    return report(outcome, io, { name, json: values.json === true });
  },
};

// stackyard delete NAME --yes [--target T] [--json]: deletes the environment (the portal turns deletion
// protection off first, and keeps a dump or snapshot of the database) and follows until it is gone.
import { jsonOption, onlyName, parse, targetOption } from "../args.js";
import { connect } from "../credentials.js";
import { type EnvironmentDetail, eventsAfter, findByName } from "../environments.js";
import { badInput } from "../errors.js";
import { follow } from "../follow.js";
import { report } from "../outcome.js";
import { jsonReporter, plainReporter, ttyReporter } from "../reporters.js";
import { resourcesOf } from "../resources.js";
import type { Command } from "./command.js";

export const del: Command = {
  usage:
    "delete NAME --yes [--target local|aws] [--json]   delete the environment and follow until it is gone",
  async run(args, io) {
    const options = { ...jsonOption, ...targetOption, yes: { type: "boolean" } } as const;
    const { values, positionals } = parse("delete", args, options);
    const name = onlyName(positionals, "delete");
    if (!values.yes) throw badInput(`delete removes ${name} and its data: pass --yes to go ahead`);
    const portal = await connect(io);
    const row = await findByName(portal, name, values.target);
    const earlier = await eventsAfter(portal, row.id, null);
    const detail = await portal.query<EnvironmentDetail>("environments.get", { id: row.id });
    const deleted = await portal.mutate<{ removedDraft: boolean; operationId?: string }>(
      "environments.delete",
      {
        id: row.id,
      },
    );
    if (!deleted.operationId) return 0;
    if (!values.json) io.stdout(`deleting ${row.name} (${row.id}) on ${row.target}\n`);
    const reporter = values.json
      ? jsonReporter(io)
      : io.isTTY
        ? ttyReporter(io, { resources: resourcesOf(detail.spec), target: row.target })
        : plainReporter(io);
    const request = {
      environmentId: row.id,
      operationId: deleted.operationId,
      after: earlier.at(-1)?.id ?? null,
    };
    return report(await follow(portal, request, reporter, io), io, { name, json: values.json === true });
  },
};

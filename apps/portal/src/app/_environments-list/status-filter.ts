// The list's status filter: by default every environment that still exists, since deleted ones pile up
// on a portal with a long history and crowd out the live ones.
import { type EnvironmentStatus, STATUSES } from "../../server/environments/statuses";

/** "" (the default) hides deleted environments; "any" shows every status. */
export type StatusFilter = EnvironmentStatus | "" | "any";

const NOT_DELETED = STATUSES.filter((status) => status !== "deleted");

/** The statuses the server is asked for. */
export function statusesFor(status: StatusFilter): EnvironmentStatus[] | undefined {
  if (status === "") return NOT_DELETED;
  return status === "any" ? undefined : [status];
}

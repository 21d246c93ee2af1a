// Whether a live local environment's processes run: after the database restarts, the portal starts them
// again at boot (the processes capability's restart); until they run, or when that failed, the dashboard
// says so.
import "server-only";
import type { ProcessesProblem } from "@stackyard/deploy";
import { driverFor } from "../deploy-drivers";

export type LocalProcessesProblem = ProcessesProblem | null;

export function localProcessesProblem(stackName: string): LocalProcessesProblem {
  try {
    return driverFor("local", "local").processes?.problem(stackName) ?? null;
  } catch {
    // An unreadable sandbox state is the driver's problem to report on its next operation, not a page error.
    return null;
  }
}

// Whether a live local environment's processes run: after the database restarts, the portal starts them
// again at boot (deploy/restart-local.ts); until they run, or when that failed, the dashboard says so.

import { LocalSandboxDriver } from "@stackyard/deploy/local";
import { driverFor } from "../deploy-drivers";

export type LocalProcessesProblem = { status: "restarting" | "down"; reason: string } | null;

export function localProcessesProblem(stackName: string): LocalProcessesProblem {
  const driver = driverFor("local", "local");
  if (!(driver instanceof LocalSandboxDriver)) return null;
  try {
    return driver.standInsProblem(stackName);
  } catch {
    // An unreadable sandbox state is the driver's problem to report on its next operation, not a page error.
    return null;
  }
}

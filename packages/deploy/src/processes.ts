// What only a target that runs an environment's processes itself can do (the local sandbox): restart them
// after the database stopped, say when they are not running, and give its database user a new password.
// An optional capability of DeployDriver: callers check `driver.processes`, never the driver's class.

export type RestartOutcome =
  | { status: "skipped"; reason: string }
  | { status: "running" }
  | { status: "restarted"; restarted: string[] }
  | { status: "failed"; restarted: string[]; reason: string };

/** A live stack whose processes are being restarted, or are missing (with the reason). */
export interface ProcessesProblem {
  status: "restarting" | "down";
  reason: string;
}

/** Refused because the stack is not in a state that allows it (the message says why). */
export class RotationRefused extends Error {
  override name = "RotationRefused";
}

export interface ProcessControl {
  /** Starts a live stack's missing processes again, on the same ports over the same database. */
  restart(stackName: string): Promise<RestartOutcome>;
  /** For the dashboard: null when the processes of a live stack run (or the stack is not live). */
  problem(stackName: string): ProcessesProblem | null;
  /** A new database password, written where the processes read it; throws RotationRefused. */
  rotateDatabasePassword(stackName: string): Promise<{ rotatedAt: Date }>;
}

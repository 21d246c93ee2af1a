// The one place where an operation recorded by the portal is handed to the deploy engine.
import "server-only";
import { errorText, logger } from "../logger";
//
// environments.launch and environments.delete record an Operation row (status "pending") in the same
// transaction as the environment change, then call startOperation once that is committed. The engine
// comes from the request context: the portal's context carries the process's DeployEngine; server-side
// callers without one (router tests) leave the operation pending. It never throws for an engine
// failure: the engine records failures on the Operation row, which the list and the dashboard read.

export interface OperationStarter {
  startOperation(operationId: string): Promise<void>;
}

export async function startOperation(
  starter: OperationStarter | undefined,
  operationId: string,
): Promise<void> {
  if (!starter) return;
  // In the background: preparing a change set can take a minute; the browser follows along live.
  void starter.startOperation(operationId).catch((error: unknown) => {
    logger.error({ operationId, error: errorText(error) }, "could not start operation");
  });
}

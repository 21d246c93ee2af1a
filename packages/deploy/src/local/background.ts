// Operations run in the background of the portal process, one at a time per stack. The registry is
// module-wide, so every driver instance in this process sees the operations the others started.
import { stackFailedFrom } from "../stack-status.js";
import type { SandboxContext } from "./stand-ins.js";

const running = new Map<string, Promise<void>>();

export function isBusy(ctx: SandboxContext): boolean {
  return running.has(ctx.paths.root);
}

/** Resolves once no operation on the stack runs in this process. */
export async function whenIdle(ctx: SandboxContext): Promise<void> {
  for (let current = running.get(ctx.paths.root); current; current = running.get(ctx.paths.root)) {
    await current;
  }
}

/**
 * Holds the stack while `start` records the operation (so a concurrent call cannot start a second one),
 * then runs the work it returns in the background. `start` returns null when there is nothing to do.
 */
export async function startExclusive(
  ctx: SandboxContext,
  start: () => Promise<(() => Promise<void>) | null>,
): Promise<void> {
  const root = ctx.paths.root;
  if (running.has(root)) throw new Error(`Stack [${ctx.stackName}] has an operation in progress`);
  let release = () => {};
  running.set(root, new Promise<void>((resolve) => (release = resolve)));
  try {
    const work = await start();
    if (work) runInBackground(ctx, work);
    else running.delete(root);
  } catch (error) {
    running.delete(root);
    throw error;
  } finally {
    release();
  }
}

export function runInBackground(ctx: SandboxContext, work: () => Promise<void>): void {
  const operation = work()
    .catch((error: unknown) => {
      // A bug, not a resource failure (those are events): record it so that the stack does not hang.
      ctx.store.update((s) => {
        s.status = stackFailedFrom(s.status);
        s.statusReason = `internal error in the local sandbox: ${error instanceof Error ? error.message : String(error)}`;
        delete s.runner;
      });
    })
    .finally(() => running.delete(ctx.paths.root));
  running.set(ctx.paths.root, operation);
}

// A real rotation of the local database password, in the order RDS's managed rotation takes: a new random
// password, set on the database user (ALTER USER), then the secret rewritten (atomically, 0600), so that
// notes-api, refused with the old one, reads the new one. Not an operation: no event, no status change;
// it holds the stack like one, so it never runs beside a create, update or delete of the same stack.
// https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/rds-secrets-manager.html
// https://docs.aws.amazon.com/secretsmanager/latest/userguide/rotate-secrets_how.html
import { RotationRefused } from "../processes.js";
import { SERVING } from "../stack-status.js";
import { startExclusive, whenIdle } from "./background.js";
import { type AdminConnection, newPassword, setUserPassword } from "./database.js";
import { stackPaths } from "./paths.js";
import { secretFilePath, secretJson, writeFileAtomically } from "./secret-file.js";
import type { SandboxContext } from "./stand-ins.js";
import { StateStore } from "./state-store.js";

export interface LocalRotation {
  sandboxRoot: string;
  repoRoot: string;
  stackName: string;
  admin: AdminConnection;
}

export async function rotateLocalDatabasePassword(options: LocalRotation): Promise<{ rotatedAt: Date }> {
  const paths = stackPaths(options.sandboxRoot, options.stackName);
  const ctx: SandboxContext = {
    stackName: options.stackName,
    repoRoot: options.repoRoot,
    paths,
    store: new StateStore(paths),
    admin: () => options.admin,
    readyTimeoutMs: 0,
  };
  let outcome: { rotatedAt: Date } | undefined;
  let failure: unknown;
  try {
    await startExclusive(ctx, async () => {
      // Checked under the stack's hold: no operation can start between the check and the rotation.
      const state = ctx.store.read();
      if (!state || !SERVING.has(state.status)) {
        throw new RotationRefused(
          `the local stack is ${state?.status ?? "missing"}: only a stack at rest can rotate its database password`,
        );
      }
      const credentials = ctx.store.readCredentials();
      if (!credentials) throw new RotationRefused("the database's credentials are missing");
      return async () => {
        try {
          const rotated = { ...credentials, password: newPassword() };
          await setUserPassword(options.admin, credentials.user, rotated.password);
          writeFileAtomically(secretFilePath(paths.root), secretJson(rotated));
          // The sandbox's own copy (dumps, restarts): the new password too, atomically and 0600.
          writeFileAtomically(paths.credentials, `${JSON.stringify(rotated, null, 2)}\n`);
          outcome = { rotatedAt: new Date() };
        } catch (error) {
          failure = error;
        }
      };
    });
  } catch (error) {
    if (error instanceof RotationRefused) throw error;
    // startExclusive refuses while an operation runs on the stack.
    throw new RotationRefused(error instanceof Error ? error.message : String(error));
  }
  await whenIdle(ctx);
  if (failure) throw failure;
  if (!outcome) throw new Error("the rotation did not run");
  return outcome;
}

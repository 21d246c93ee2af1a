// environments.setExpiry: a deployer gives an environment it may change a deadline (or takes it away);
// the expiry scheduler (environments/expiry-scheduler.ts) deletes it then. Audited either way.
import "server-only";
import { audited } from "../audit/audited";
import { setExpiry, setExpiryInput } from "../environments/expiry";
import { assertMayChange } from "../environments/ownership";
import { deployerProcedure } from "../trpc";

export const expiryProcedures = {
  setExpiry: deployerProcedure.input(setExpiryInput).mutation(({ ctx, input }) =>
    audited(
      ctx,
      "environment.set_expiry",
      { expiresAt: input.expiresAt?.toISOString() ?? null },
      async () => {
        await assertMayChange(ctx.prisma, ctx.user, input.id);
        return setExpiry(ctx.prisma, input);
      },
      () => input.id,
      input.id,
    ),
  ),
};

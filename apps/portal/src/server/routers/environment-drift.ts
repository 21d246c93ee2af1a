// environments.detectDrift (deployers, on environments they may change; audited with the result's summary)
// and environments.lastDrift (anyone who may see the environment: the last detection, from the audit log).
import "server-only";
import { z } from "zod";
import { audited } from "../audit/audited";
import { detectDrift, driftAuditDetail, lastDrift } from "../environments/drift";
import { environmentId } from "../environments/inputs";
import { assertMayChange } from "../environments/ownership";
import { deployerProcedure, viewerProcedure } from "../trpc";

const driftInput = z.object({ id: environmentId });

export const driftProcedures = {
  detectDrift: deployerProcedure.input(driftInput).mutation(({ ctx, input }) => {
    // audited() records this object after the run: the detection fills it with its summary.
    const detail: Record<string, unknown> = {};
    return audited(
      ctx,
      "environment.detect_drift",
      detail,
      async () => {
        await assertMayChange(ctx.prisma, ctx.user, input.id);
        const view = await detectDrift(ctx.prisma, input.id, ctx.driverFor);
        Object.assign(detail, driftAuditDetail(view));
        return view;
      },
      () => input.id,
      input.id,
    );
  }),
  lastDrift: viewerProcedure.input(driftInput).query(({ ctx, input }) => lastDrift(ctx.prisma, input.id)),
};

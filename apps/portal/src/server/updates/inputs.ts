// Inputs of environments.planUpdate and environments.update. The spec stays `unknown` here, as for
// launch: the shared schema parses it (parseSpecOrThrow) so every error names its field.
import "server-only";
import { z } from "zod";
import { environmentId } from "../environments/inputs";

export const planUpdateInput = z.object({
  id: environmentId,
  spec: z.unknown(),
  // AWS only: resolve Ubuntu's current AMI again instead of keeping the deployed one (replaces the nginx
  // and bastion instances). Without it an update never changes the AMI.
  refreshAmi: z.boolean({ error: "must be true or false" }).optional(),
});

export const applyUpdateInput = z.object({
  id: environmentId,
  planId: z.string().uuid({ error: "must be the planId that planUpdate returned" }),
  // Required (true) only when the plan replaces or removes the database; see dataLossWarnings.
  acknowledgeDataLoss: z.boolean({ error: "must be true or false" }).optional(),
});

// What the wizard needs from the server side only: which AWS identity would deploy, and the caller's
// address for "use my IP". Credentials never leave the server; only account and ARN do.
import "server-only";
import { currentAwsIdentity } from "../aws-identity";
import { resolveCallerAddress } from "../caller-address";
import { clientAddress } from "../request-address";
import { router, viewerProcedure } from "../trpc";

export const targetsRouter = router({
  aws: viewerProcedure.query(() => currentAwsIdentity()),
});

export const networkRouter = router({
  callerAddress: viewerProcedure.query(({ ctx }) => resolveCallerAddress(clientAddress(ctx.request))),
});

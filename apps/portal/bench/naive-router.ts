// The peer: the design each browser would use without the tracker. Every open dashboard polls the
// portal, and the portal asks CloudFormation for the stack's events on every request (same driver, same
// incremental read, same authentication as events.list). It needs no poller, lease or event table; it
// costs one DescribeStackEvents call per browser per interval.
import { z } from "zod";
import { driverFor } from "../src/server/deploy-drivers";
import { router, viewerProcedure } from "../src/server/trpc";

export const naiveRouter = router({
  list: viewerProcedure
    .input(
      z.object({ stackName: z.string().min(1), region: z.string().min(1), after: z.string().optional() }),
    )
    .query(async ({ input }) => {
      const events = await driverFor("aws", input.region).eventsSince(input.stackName, input.after);
      return events.map((e) => ({
        eventId: e.eventId,
        logicalResourceId: e.logicalResourceId,
        resourceStatus: e.resourceStatus,
      }));
    }),
});

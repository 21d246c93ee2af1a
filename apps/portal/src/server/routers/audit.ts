// audit.* (admins only): browse and filter the audit log. There is deliberately no way to change it.
import "server-only";
import { auditListInput, listAudit } from "../audit/list";
import { adminProcedure, router } from "../trpc";

export const auditRouter = router({
  list: adminProcedure.input(auditListInput).query(({ ctx, input }) => listAudit(ctx.prisma, input)),
});

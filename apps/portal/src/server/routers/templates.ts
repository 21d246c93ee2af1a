// templates.*: the server's view of what the wizard also computes in the browser (the package is pure),
// for API users and as the authority at launch. Every input spec goes through the shared schema.
import "server-only";
import { checkTemplate, defaultSpec, estimateMonthlyCost, renderTemplate } from "@stackyard/templates";
import { z } from "zod";
import { parseSpecOrThrow } from "../field-errors";
import { router, viewerProcedure } from "../trpc";

const specInput = z.object({ spec: z.unknown() });

export const templatesRouter = router({
  /** The spec a new environment starts from: the seed's defaults, subnets filled in. */
  example: viewerProcedure.query(() => defaultSpec()),
  render: viewerProcedure.input(specInput).query(({ input }) => {
    const { json, yaml } = renderTemplate(parseSpecOrThrow(input.spec));
    return { json, yaml };
  }),
  /** Findings over the rendered template, each with its severity and the spec field that fixes it. */
  check: viewerProcedure.input(specInput).query(({ input }) => {
    const { template } = renderTemplate(parseSpecOrThrow(input.spec));
    return checkTemplate(template);
  }),
  /** Monthly cost line items and total, from the package's dated price table. */
  estimate: viewerProcedure
    .input(specInput)
    .query(({ input }) => estimateMonthlyCost(parseSpecOrThrow(input.spec))),
});

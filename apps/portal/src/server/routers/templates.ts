// templates.*: the server's view of what the wizard also computes in the browser (the package is pure),
// for API users and as the authority at launch. Every input spec goes through the shared schema.
import { defaultSpec, renderTemplate } from "@stackyard/templates";
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
});

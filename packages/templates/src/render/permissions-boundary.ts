// Every IAM role the environment creates carries the bootstrap stack's permissions boundary, so the
// CloudFormation service role (which may only create roles that carry it) cannot mint a role with more
// than the boundary allows. Imported, not rebuilt from the name: a stack cannot launch before the bootstrap
// stack exists (the change set fails naming the export), and the bootstrap stack cannot be deleted while
// an environment still uses its boundary.
import { BOOTSTRAP_EXPORTS } from "../bootstrap/names.js";
import type { JsonObject } from "./cfn.js";

export const permissionsBoundary = (): JsonObject => ({
  "Fn::ImportValue": BOOTSTRAP_EXPORTS.permissionsBoundaryArn,
});

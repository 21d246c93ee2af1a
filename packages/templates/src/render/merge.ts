// Combines the fragments of every resource-group module into one template. Two modules claiming the same
// logical ID is a renderer bug that CloudFormation would silently resolve by keeping one of them: fail.
import type { CfnTemplate, TemplateFragment } from "./cfn.js";

const SECTIONS = ["Parameters", "Conditions", "Resources", "Outputs"] as const;

export class DuplicateLogicalIdError extends Error {
  constructor(
    readonly section: string,
    readonly logicalId: string,
  ) {
    super(`duplicate ${section} entry "${logicalId}": two template modules define it`);
    this.name = "DuplicateLogicalIdError";
  }
}

export function mergeFragments(
  head: Pick<CfnTemplate, "Description" | "Metadata">,
  fragments: TemplateFragment[],
): CfnTemplate {
  const template: CfnTemplate = {
    AWSTemplateFormatVersion: "2010-09-09",
    Description: head.Description,
    Metadata: head.Metadata,
    Parameters: {},
    Conditions: {},
    Resources: {},
    Outputs: {},
  };
  // Resources, parameters and conditions share one namespace in CloudFormation (Ref resolves any of them).
  const claimed = new Set<string>();
  for (const fragment of fragments) {
    for (const section of SECTIONS) {
      const entries = fragment[section];
      if (!entries) continue;
      const target = template[section] as Record<string, unknown>;
      for (const [logicalId, value] of Object.entries(entries)) {
        const key = section === "Outputs" ? `Outputs/${logicalId}` : logicalId;
        if (claimed.has(key)) throw new DuplicateLogicalIdError(section, logicalId);
        claimed.add(key);
        target[logicalId] = value;
      }
    }
  }
  return template;
}

// What an update would destroy, said before it is applied: the review page and the CLI's plan show it.
import type { ResourceChange } from "./driver.js";

/** Changes that destroy data: a replaced database starts empty (the old one is snapshotted). */
export function dataLossWarnings(changes: ResourceChange[]): string[] {
  return changes
    .filter(
      (c) =>
        c.resourceType === "AWS::RDS::DBInstance" && (c.action === "Remove" || c.replacement !== "False"),
    )
    .filter((c) => c.action !== "Add")
    .map((c) =>
      c.action === "Remove"
        ? `${c.logicalResourceId} (the database) will be deleted; a final snapshot is kept.`
        : `${c.logicalResourceId} (the database) will be ${c.replacement === "True" ? "REPLACED" : "possibly replaced"}: the new instance starts empty; restore from the snapshot taken before.`,
    );
}

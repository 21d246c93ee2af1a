// What AWS would replace, predicted offline for both targets, beside what the target itself reports: the
// change set's Replacement on AWS; on the local sandbox, which never replaces anything, the prediction is
// the only place the review can say what AWS would do. Disagreements between the two are flagged.

import "server-only";
import type { DeployTarget, ResourceChange } from "@stackyard/deploy";
import {
  type Consequence,
  changeConsequences,
  type EnvironmentSpec,
  type PredictedChange,
  type PredictedReplacement,
  predictTemplateChanges,
  renderTemplate,
} from "@stackyard/templates";

export interface PlannedChange extends ResourceChange {
  /** What AWS would do, from the resource specification (both targets). */
  predictedReplacement: PredictedReplacement;
  /** The properties that make AWS replace (or possibly replace) the resource. */
  replacementCauses: string[];
  changedProperties: string[];
  /** What the change costs the user: downtime, data, DNS, certificates. */
  consequences: Consequence[];
  /** AWS only: the change set's Replacement and the prediction differ (the change set decides). */
  disagreement?: string;
  /** In the prediction only: the target lists no change for it (locally, there is nothing to do). */
  predictedOnly?: boolean;
}

const WORDS: Record<PredictedReplacement, string> = {
  True: "True",
  False: "False",
  Conditional: "Conditional",
};

export function withPredictions(
  changes: readonly ResourceChange[],
  before: EnvironmentSpec,
  after: EnvironmentSpec,
  target: DeployTarget,
): PlannedChange[] {
  const rendered = renderTemplate(after);
  const predictions = new Map(
    predictTemplateChanges(renderTemplate(before).template, rendered.template).map((p) => [
      p.logicalResourceId,
      p,
    ]),
  );
  const context = { spec: rendered.spec, template: rendered.template };
  const planned = changes.map((change): PlannedChange => {
    const prediction = predictions.get(change.logicalResourceId);
    predictions.delete(change.logicalResourceId);
    const predicted = {
      predictedReplacement: prediction?.predictedReplacement ?? ("False" as const),
      replacementCauses: prediction?.replacementCauses ?? [],
      changedProperties: prediction?.changedProperties ?? [],
    };
    return {
      ...change,
      ...predicted,
      consequences: changeConsequences({ ...change, ...predicted }, context),
      ...(target === "aws" ? disagreementOf(change, predicted.predictedReplacement) : {}),
    };
  });
  // What AWS would replace though the target lists nothing for it (a reference to a replaced resource).
  for (const prediction of predictions.values()) {
    if (prediction.action !== "Modify" || prediction.predictedReplacement === "False") continue;
    planned.push({
      ...predictedOnly(prediction),
      consequences: changeConsequences(prediction, context),
      ...(target === "aws"
        ? {
            disagreement: `Predicted to be ${describe(prediction.predictedReplacement)}, but the change set does not list it.`,
          }
        : {}),
    });
  }
  return planned;
}

function predictedOnly(p: PredictedChange): Omit<PlannedChange, "consequences"> {
  return {
    action: "Modify",
    logicalResourceId: p.logicalResourceId,
    resourceType: p.resourceType,
    predictedReplacement: p.predictedReplacement,
    replacementCauses: p.replacementCauses,
    changedProperties: p.changedProperties,
    predictedOnly: true,
  };
}

function disagreementOf(change: ResourceChange, predicted: PredictedReplacement): { disagreement?: string } {
  if (change.action !== "Modify") return {};
  const reported = change.replacement ?? "False";
  if (reported === WORDS[predicted]) return {};
  return {
    disagreement: `The change set says Replacement: ${reported}; the resource specification predicts ${predicted}. CloudFormation's change set is what runs.`,
  };
}

const describe = (r: PredictedReplacement) => (r === "True" ? "replaced" : "possibly replaced");

/**
 * Non-empty whenever the database would be replaced or removed on AWS, on either target (applying then
 * needs acknowledgeDataLoss), so a local rehearsal asks what AWS will ask.
 */
export function dataLossWarnings(changes: readonly PlannedChange[], target: DeployTarget): string[] {
  const warnings: string[] = [];
  for (const c of changes) {
    if (c.resourceType !== "AWS::RDS::DBInstance" || c.action === "Add") continue;
    const onAws = target === "aws" ? "" : "On AWS, ";
    if (c.action === "Remove") {
      warnings.push(
        `${onAws}${c.logicalResourceId} (the database) will be deleted; a final snapshot is kept.`,
      );
      continue;
    }
    const changeSet = target === "aws" && c.replacement !== undefined ? c.replacement : "False";
    const worst = [c.predictedReplacement, changeSet].includes("True")
      ? "True"
      : [c.predictedReplacement, changeSet].includes("Conditional")
        ? "Conditional"
        : "False";
    if (worst === "False") continue;
    const why = c.replacementCauses.length > 0 ? ` (${c.replacementCauses.join(", ")} changes)` : "";
    const local =
      target === "aws"
        ? ""
        : " The local sandbox keeps its database, but asks the same acknowledgement AWS will.";
    warnings.push(
      `${onAws}${c.logicalResourceId} (the database) will be ${worst === "True" ? "REPLACED" : "possibly replaced"}${why}: the new instance starts empty; restore from the snapshot taken before.${local}`,
    );
  }
  return warnings;
}

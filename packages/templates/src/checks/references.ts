// Reference integrity: every Ref, Fn::GetAtt, Fn::Sub variable, DependsOn and condition name resolves,
// and resources do not depend on each other in a cycle (CloudFormation rejects both, but only at deploy).
import type { CfnTemplate } from "../render/cfn.js";
import { type Finding, finding } from "./finding.js";
import { isObject, resources, walk } from "./walk.js";

const PSEUDO_PARAMETERS = new Set([
  "AWS::AccountId",
  "AWS::NotificationARNs",
  "AWS::NoValue",
  "AWS::Partition",
  "AWS::Region",
  "AWS::StackId",
  "AWS::StackName",
  "AWS::URLSuffix",
]);

const CHECK = "references";

export function checkReferences(template: CfnTemplate): Finding[] {
  const findings: Finding[] = [];
  const resourceIds = new Set(resources(template).map(([id]) => id));
  const parameterIds = new Set(isObject(template.Parameters) ? Object.keys(template.Parameters) : []);
  const conditionIds = new Set(isObject(template.Conditions) ? Object.keys(template.Conditions) : []);
  const dependencies = new Map<string, Set<string>>();

  const scan = (owner: string, root: unknown, ownerIsResource: boolean) => {
    const depend = (target: string) => {
      if (ownerIsResource && resourceIds.has(target)) dependencies.get(owner)?.add(target);
    };
    walk(root, (value) => {
      if (!isObject(value)) return;
      for (const target of refsIn(value)) {
        if (target.kind === "resource-or-parameter") {
          const known =
            resourceIds.has(target.id) || parameterIds.has(target.id) || PSEUDO_PARAMETERS.has(target.id);
          if (!known)
            findings.push(finding(CHECK, "error", owner, `refers to "${target.id}", which does not exist`));
          depend(target.id);
        } else if (target.kind === "resource") {
          if (!resourceIds.has(target.id)) {
            findings.push(
              finding(CHECK, "error", owner, `reads an attribute of "${target.id}", which does not exist`),
            );
          }
          depend(target.id);
        } else if (!conditionIds.has(target.id)) {
          findings.push(
            finding(CHECK, "error", owner, `uses condition "${target.id}", which does not exist`),
          );
        }
      }
    });
  };

  for (const [id, resource] of resources(template)) {
    dependencies.set(id, new Set());
    scan(id, resource?.Properties, true);
    for (const target of Array.isArray(resource?.DependsOn) ? resource.DependsOn : []) {
      if (!resourceIds.has(target))
        findings.push(finding(CHECK, "error", id, `depends on "${target}", which does not exist`));
      else dependencies.get(id)?.add(target);
    }
    if (resource?.Condition && !conditionIds.has(resource.Condition)) {
      findings.push(
        finding(CHECK, "error", id, `has condition "${resource.Condition}", which does not exist`),
      );
    }
  }
  for (const [id, output] of isObject(template.Outputs) ? Object.entries(template.Outputs) : []) {
    scan(id, output?.Value, false);
  }
  for (const [id, condition] of isObject(template.Conditions) ? Object.entries(template.Conditions) : []) {
    scan(id, condition, false);
  }
  findings.push(...cycles(dependencies));
  return findings;
}

type Target = { kind: "resource-or-parameter" | "resource" | "condition"; id: string };

function refsIn(value: Record<string, unknown>): Target[] {
  const targets: Target[] = [];
  if (typeof value.Ref === "string") targets.push({ kind: "resource-or-parameter", id: value.Ref });
  const getAtt = value["Fn::GetAtt"];
  if (Array.isArray(getAtt) && typeof getAtt[0] === "string")
    targets.push({ kind: "resource", id: getAtt[0] });
  const fnIf = value["Fn::If"];
  if (Array.isArray(fnIf) && typeof fnIf[0] === "string") targets.push({ kind: "condition", id: fnIf[0] });
  if (typeof value.Condition === "string" && Object.keys(value).length === 1) {
    targets.push({ kind: "condition", id: value.Condition });
  }
  const sub = value["Fn::Sub"];
  const [text, variables] = Array.isArray(sub) ? [sub[0], sub[1]] : [sub, undefined];
  if (typeof text === "string") {
    const local = new Set(isObject(variables) ? Object.keys(variables) : []);
    for (const match of text.matchAll(/\$\{([^!}][^}]*)\}/g)) {
      const [name = "", attribute] = (match[1] ?? "").split(/\.(.*)/s);
      if (local.has(match[1] ?? "")) continue;
      targets.push({ kind: attribute ? "resource" : "resource-or-parameter", id: name });
    }
  }
  return targets;
}

function cycles(dependencies: Map<string, Set<string>>): Finding[] {
  const findings: Finding[] = [];
  const state = new Map<string, "visiting" | "done">();
  const stack: string[] = [];
  const visit = (id: string) => {
    if (state.get(id) === "done") return;
    if (state.get(id) === "visiting") {
      const cycle = [...stack.slice(stack.indexOf(id)), id];
      findings.push(finding(CHECK, "error", id, `circular dependency: ${cycle.join(" → ")}`));
      return;
    }
    state.set(id, "visiting");
    stack.push(id);
    for (const next of [...(dependencies.get(id) ?? [])].sort()) visit(next);
    stack.pop();
    state.set(id, "done");
  };
  for (const id of [...dependencies.keys()].sort()) visit(id);
  return findings;
}

// Resource order from the template itself, as CloudFormation computes it: a resource waits for every
// resource it references through Ref, Fn::GetAtt, Fn::Sub or DependsOn.

export interface TemplateResource {
  logicalId: string;
  type: string;
  /** Logical IDs of the resources this one must wait for. */
  dependsOn: string[];
  /** The resource's definition as JSON text, to tell whether an update changes it. */
  definition: string;
}

interface RawResource {
  Type?: unknown;
  DependsOn?: unknown;
  Properties?: unknown;
  Metadata?: unknown;
}

/** Parses the template's Resources; throws with the reason on anything CloudFormation would reject. */
export function templateResources(templateBody: string): TemplateResource[] {
  let template: { Resources?: Record<string, RawResource>; Parameters?: Record<string, unknown> };
  try {
    template = JSON.parse(templateBody);
  } catch (error) {
    throw new Error(`Template format error: not JSON (${(error as Error).message})`);
  }
  const raw = template?.Resources;
  if (!raw || typeof raw !== "object" || Object.keys(raw).length === 0) {
    throw new Error("Template format error: at least one Resources member must be defined");
  }
  const ids = new Set(Object.keys(raw));
  const parameters = new Set(Object.keys(template.Parameters ?? {}));
  return Object.entries(raw).map(([logicalId, resource]) => {
    if (typeof resource?.Type !== "string") {
      throw new Error(`Template format error: resource ${logicalId} has no Type`);
    }
    const explicit = resource.DependsOn === undefined ? [] : [resource.DependsOn].flat().map(String);
    const referenced = new Set<string>([...explicit, ...references(resource.Properties)]);
    for (const name of parameters) referenced.delete(name);
    for (const id of referenced) {
      if (!ids.has(id)) {
        throw new Error(`Template format error: unresolved resource dependency [${id}] in ${logicalId}`);
      }
    }
    referenced.delete(logicalId);
    return {
      logicalId,
      type: resource.Type,
      dependsOn: [...referenced],
      definition: JSON.stringify(resource),
    };
  });
}

/** Logical IDs named by Ref, Fn::GetAtt and Fn::Sub inside a value (pseudo parameters excluded). */
export function references(value: unknown, found = new Set<string>()): Set<string> {
  if (Array.isArray(value)) {
    for (const item of value) references(item, found);
    return found;
  }
  if (!value || typeof value !== "object") return found;
  for (const [key, inner] of Object.entries(value)) {
    if (key === "Ref" && typeof inner === "string") addName(found, inner);
    else if (key === "Fn::GetAtt") {
      const target = Array.isArray(inner) ? inner[0] : String(inner).split(".")[0];
      if (typeof target === "string") addName(found, target);
    } else if (key === "Fn::Sub") {
      const [text, variables] = Array.isArray(inner) ? inner : [inner, {}];
      const local = new Set(Object.keys((variables as object) ?? {}));
      for (const match of String(text).matchAll(/\$\{([^!}][^}]*)\}/g)) {
        const name = (match[1] ?? "").split(".")[0] ?? "";
        if (!local.has(name)) addName(found, name);
      }
      references(variables, found);
    } else references(inner, found);
  }
  return found;
}

function addName(found: Set<string>, name: string): void {
  if (!name.startsWith("AWS::")) found.add(name);
}

/**
 * Resources in creation order: each after everything it depends on, ties kept in template order.
 * Throws on a cycle (CloudFormation: "Circular dependency between resources").
 */
export function creationOrder(resources: TemplateResource[]): TemplateResource[] {
  const byId = new Map(resources.map((r) => [r.logicalId, r]));
  const done = new Set<string>();
  const order: TemplateResource[] = [];
  while (order.length < resources.length) {
    const next = resources.find(
      (r) => !done.has(r.logicalId) && r.dependsOn.every((d) => done.has(d) || !byId.has(d)),
    );
    if (!next) {
      const stuck = resources.filter((r) => !done.has(r.logicalId)).map((r) => r.logicalId);
      throw new Error(`Template format error: Circular dependency between resources: [${stuck.join(", ")}]`);
    }
    done.add(next.logicalId);
    order.push(next);
  }
  return order;
}

export interface GraphFailure {
  logicalId: string;
  error: unknown;
}

/**
 * Runs `work` for each resource as soon as everything it depends on has finished, several at once like
 * CloudFormation. After the first failure nothing new starts; what is running finishes. Resolves with
 * the first failure, or null.
 */
export function runInDependencyOrder(
  resources: TemplateResource[],
  work: (resource: TemplateResource) => Promise<void>,
): Promise<GraphFailure | null> {
  const ids = new Set(resources.map((r) => r.logicalId));
  const done = new Set<string>();
  const started = new Set<string>();
  let running = 0;
  let failure: GraphFailure | null = null;
  return new Promise((resolve) => {
    const pump = () => {
      if (!failure) {
        for (const resource of resources) {
          if (started.has(resource.logicalId)) continue;
          if (!resource.dependsOn.every((d) => done.has(d) || !ids.has(d))) continue;
          started.add(resource.logicalId);
          running++;
          work(resource).then(
            () => finish(resource.logicalId),
            (error: unknown) => {
              failure ??= { logicalId: resource.logicalId, error };
              finish(null);
            },
          );
        }
      }
      if (running === 0) resolve(failure);
    };
    const finish = (logicalId: string | null) => {
      running--;
      if (logicalId) done.add(logicalId);
      pump();
    };
    pump();
  });
}

// The resources an operation works on, for the progress bar's total: the rendered template's (the
// renderer is pure, so the CLI renders the same template the portal does).
import { renderTemplate } from "@stackyard/templates";

export interface ResourceRef {
  logicalResourceId: string;
  resourceType: string;
}

export function resourcesOf(spec: unknown): ResourceRef[] {
  try {
    const { template } = renderTemplate(spec as Parameters<typeof renderTemplate>[0]);
    return Object.entries(template.Resources ?? {}).map(([logicalResourceId, resource]) => ({
      logicalResourceId,
      resourceType: resource.Type,
    }));
  } catch {
    // A spec from an older schema: the bar counts what the events name instead.
    return [];
  }
}

// The shared schema reports an overlap once, at the later subnet. A user may want to fix either one, so
// the wizard also shows it at the subnet it overlaps ("cross-field errors show on the fields involved").
import { cidrsOverlap, parseCidr, type SpecFieldError } from "@stackyard/templates";
import { getAtPath, type SpecDraft } from "./form-model";

const SUBNET_LISTS = ["network.publicSubnets", "network.privateSubnets"] as const;
const LABEL = { "network.publicSubnets": "public subnet", "network.privateSubnets": "private subnet" };

export function withOverlapsOnBothSides(spec: SpecDraft, errors: SpecFieldError[]): SpecFieldError[] {
  const subnets = SUBNET_LISTS.flatMap((list) => {
    const values = getAtPath(spec, list);
    return Array.isArray(values)
      ? values.map((text, index) => ({
          path: `${list}.${index}`,
          label: `${LABEL[list]} ${index + 1}`,
          text,
        }))
      : [];
  });
  const reported = new Set(errors.map((error) => error.path));
  const extra: SpecFieldError[] = [];
  subnets.forEach((later, laterIndex) => {
    if (!reported.has(later.path) || typeof later.text !== "string") return;
    const laterCidr = parseCidr(later.text);
    if (!laterCidr.ok) return;
    for (const earlier of subnets.slice(0, laterIndex)) {
      const earlierCidr = typeof earlier.text === "string" ? parseCidr(earlier.text) : null;
      if (earlierCidr?.ok && cidrsOverlap(earlierCidr.cidr, laterCidr.cidr)) {
        extra.push({
          path: earlier.path,
          message: `${earlier.text} overlaps ${later.label} (${later.text})`,
        });
      }
    }
  });
  return [...errors, ...extra];
}

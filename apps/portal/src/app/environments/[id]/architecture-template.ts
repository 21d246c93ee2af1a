// Reading placement out of a rendered CloudFormation template: Ref targets, a subnet's zone index, the
// subnet an instance or NAT gateway sits in. Only the shapes our renderer emits need to be understood.
import type { CfnResource, Json } from "@stackyard/templates";

const refOf = (value: Json | undefined): string | null =>
  value && typeof value === "object" && !Array.isArray(value) && typeof value.Ref === "string"
    ? value.Ref
    : null;

/** A subnet's zone index from `AvailabilityZone: { Fn::Select: [i, { Fn::GetAZs: "" }] }`. */
export function zoneOf(resource: CfnResource): number {
  const az = resource.Properties?.AvailabilityZone;
  const select = az && typeof az === "object" && !Array.isArray(az) ? az["Fn::Select"] : undefined;
  return Array.isArray(select) && typeof select[0] === "number" ? select[0] : 0;
}

/** The subnet an instance or NAT gateway is placed in (SubnetId, or its first network interface's). */
export function subnetOf(resource: CfnResource): string | null {
  const direct = refOf(resource.Properties?.SubnetId);
  if (direct) return direct;
  const interfaces = resource.Properties?.NetworkInterfaces;
  const first = Array.isArray(interfaces) ? interfaces[0] : undefined;
  return first && typeof first === "object" && !Array.isArray(first) ? refOf(first.SubnetId) : null;
}

export const subnetRefs = (value: Json | undefined): string[] =>
  Array.isArray(value) ? value.map(refOf).filter((id): id is string => id !== null) : [];

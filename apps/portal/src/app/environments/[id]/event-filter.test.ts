import { describe, expect, it } from "vitest";
import { filterEvents } from "./event-filter";

const ev = (logicalResourceId: string, resourceStatus: string) => ({ logicalResourceId, resourceStatus });
const events = [
  ev("NatGateway1", "CREATE_IN_PROGRESS"),
  ev("NatGateway1Eip", "CREATE_COMPLETE"),
  ev("NatGateway1", "CREATE_COMPLETE"),
  ev("DbInstance", "CREATE_FAILED"),
];
const ids = (list: { logicalResourceId: string; resourceStatus: string }[]) =>
  list.map((e) => `${e.logicalResourceId}:${e.resourceStatus}`);

describe("filterEvents", () => {
  it("shows everything with no filter, in the given order", () => {
    expect(filterEvents(events, { status: "", resource: "" })).toEqual(events);
  });

  it("shows only the named resource when the text is a resource's exact name, whatever its case", () => {
    expect(ids(filterEvents(events, { status: "", resource: " natgateway1 " }))).toEqual([
      "NatGateway1:CREATE_IN_PROGRESS",
      "NatGateway1:CREATE_COMPLETE",
    ]);
  });

  it("searches within names when the text names no resource", () => {
    expect(ids(filterEvents(events, { status: "", resource: "gateway" }))).toEqual([
      "NatGateway1:CREATE_IN_PROGRESS",
      "NatGateway1Eip:CREATE_COMPLETE",
      "NatGateway1:CREATE_COMPLETE",
    ]);
  });

  it("combines the status and the resource", () => {
    expect(ids(filterEvents(events, { status: "CREATE_COMPLETE", resource: "nat" }))).toEqual([
      "NatGateway1Eip:CREATE_COMPLETE",
      "NatGateway1:CREATE_COMPLETE",
    ]);
    expect(filterEvents(events, { status: "DELETE_COMPLETE", resource: "" })).toEqual([]);
  });
});

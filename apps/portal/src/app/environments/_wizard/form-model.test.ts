import { parseEnvironmentSpec } from "@stackyard/templates";
import { describe, expect, it } from "vitest";
import { withOverlapsOnBothSides } from "./cross-field-errors";
import { errorCountsByStep, fieldId, getAtPath, numberFromText, setAtPath, stepOfPath } from "./form-model";

describe("the wizard's form model", () => {
  it("sets a nested field without touching the original, keeping arrays arrays", () => {
    const spec = { network: { publicSubnets: ["10.0.0.0/20", "10.0.16.0/20"] } };
    const next = setAtPath(spec, "network.publicSubnets.1", "10.0.32.0/20");
    expect(getAtPath(next, "network.publicSubnets")).toEqual(["10.0.0.0/20", "10.0.32.0/20"]);
    expect(spec.network.publicSubnets[1]).toBe("10.0.16.0/20");
    expect(setAtPath({}, "app.cpu", 512)).toEqual({ app: { cpu: 512 } });
    expect(setAtPath({ edge: { domain: "x" } }, "edge.domain", undefined)).toEqual({ edge: {} });
  });

  it("keeps what was typed in a number field when it is not a number, so the schema can say why", () => {
    expect(numberFromText("512")).toBe(512);
    expect(numberFromText("12a")).toBe("12a");
    expect(parseEnvironmentSpec({ app: { desiredCount: numberFromText("two") } })).toMatchObject({
      ok: false,
      errors: [{ path: "app.desiredCount", message: "must be a whole number (tasks)" }],
    });
  });

  it("shows each error on the step that holds its field", () => {
    expect(stepOfPath("network.publicSubnets.1")).toBe("network");
    expect(stepOfPath("bastion.sshAllowedCidr")).toBe("edge");
    expect(stepOfPath("multiAZ")).toBe("basics");
    const counts = errorCountsByStep([
      { path: "app.cpu", message: "" },
      { path: "edge.domain", message: "" },
      { path: "bastion.access", message: "" },
    ]);
    expect(counts).toMatchObject({ basics: 0, application: 1, edge: 2, review: 0 });
    expect(fieldId("network.publicSubnets.1")).toBe("field-network-publicSubnets-1");
  });

  it("shows an overlap on both subnets involved", () => {
    const spec = {
      network: { publicSubnets: ["10.0.0.0/20", "10.0.16.0/20"], privateSubnets: ["10.0.0.0/24"] },
    };
    const result = parseEnvironmentSpec(spec);
    if (result.ok) throw new Error("expected the overlap to be reported");
    const paths = withOverlapsOnBothSides(spec, result.errors).map((error) => error.path);
    expect(paths).toEqual(expect.arrayContaining(["network.privateSubnets.0", "network.publicSubnets.0"]));
    const mirrored = withOverlapsOnBothSides(spec, result.errors).find(
      (e) => e.path === "network.publicSubnets.0",
    );
    expect(mirrored?.message).toBe("10.0.0.0/20 overlaps private subnet 1 (10.0.0.0/24)");
  });
});

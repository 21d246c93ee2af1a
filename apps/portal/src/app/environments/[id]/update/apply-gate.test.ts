import { describe, expect, it } from "vitest";
import { applyGate, specKey } from "./apply-gate";

const now = new Date("2026-11-28T12:00:00Z");
const later = new Date("2026-11-28T12:30:00Z");
const change = { action: "Modify", logicalResourceId: "AppService" };
const base = { specChangedSinceReview: false, acknowledgedDataLoss: false, applying: false, now };

describe("applyGate", () => {
  it("stays disabled until the changes were reviewed", () => {
    expect(applyGate({ ...base, plan: null })).toEqual({
      enabled: false,
      reason: "Review the changes first.",
    });
  });

  it("enables a plan without data loss and says how many changes it applies", () => {
    const plan = { changes: [change, change], dataLossWarnings: [], expiresAt: later };
    expect(applyGate({ ...base, plan })).toEqual({
      enabled: true,
      reason: "Applies 2 changes to the live environment.",
    });
  });

  it("needs the acknowledgement when the database would be replaced or removed", () => {
    const plan = {
      changes: [change],
      dataLossWarnings: ["DbInstance (the database) will be REPLACED"],
      expiresAt: later,
    };
    const refused = applyGate({ ...base, plan });
    expect(refused.enabled).toBe(false);
    expect(refused.reason).toMatch(/Acknowledge the database warning/);
    expect(applyGate({ ...base, plan, acknowledgedDataLoss: true }).enabled).toBe(true);
  });

  it("refuses an outdated review: the spec changed since, or it expired", () => {
    const plan = { changes: [change], dataLossWarnings: [], expiresAt: later };
    expect(applyGate({ ...base, plan, specChangedSinceReview: true }).reason).toMatch(
      /review the changes again/,
    );
    expect(applyGate({ ...base, plan, now: later }).reason).toMatch(/expired/);
  });

  it("refuses a plan that changes nothing, and a second click while applying", () => {
    expect(
      applyGate({ ...base, plan: { changes: [], dataLossWarnings: [], expiresAt: later } }).enabled,
    ).toBe(false);
    const plan = { changes: [change], dataLossWarnings: [], expiresAt: later };
    expect(applyGate({ ...base, plan, applying: true }).enabled).toBe(false);
  });
});

describe("specKey", () => {
  it("ignores key order but not values", () => {
    expect(specKey({ a: 1, b: { c: 2, d: [1, 2] } })).toBe(specKey({ b: { d: [1, 2], c: 2 }, a: 1 }));
    expect(specKey({ a: 1 })).not.toBe(specKey({ a: 2 }));
  });
});

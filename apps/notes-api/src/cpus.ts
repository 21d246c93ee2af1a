// How many CPUs this process may really use, for WEB_CONCURRENCY=auto. A container sees every core of its
// host (os.availableParallelism: a Fargate task of 0.5 vCPU still sees 2), while its CPU time is capped by
// a CFS quota in its cgroup. Workers beyond the quota only add memory and context switches.
// cgroup v2: cpu.max is "<quota> <period>" or "max <period>"
// (https://docs.kernel.org/admin-guide/cgroup-v2.html#cpu-interface-files); cgroup v1: cpu.cfs_quota_us
// (-1 when unlimited) and cpu.cfs_period_us (https://docs.kernel.org/scheduler/sched-bwc.html).
import { readFileSync } from "node:fs";
import { availableParallelism } from "node:os";

type ReadFile = (path: string) => string | undefined;

const readIfPresent: ReadFile = (path) => {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return undefined;
  }
};

/** The CFS quota in CPUs (e.g. 0.5, 2), or undefined when there is none or no cgroup file to read. */
export function cgroupCpuQuota(read: ReadFile = readIfPresent): number | undefined {
  const v2 = read("/sys/fs/cgroup/cpu.max")?.trim().split(/\s+/);
  if (v2?.length === 2) return ratio(v2[0], v2[1]);
  const quota =
    read("/sys/fs/cgroup/cpu/cpu.cfs_quota_us") ?? read("/sys/fs/cgroup/cpu,cpuacct/cpu.cfs_quota_us");
  const period =
    read("/sys/fs/cgroup/cpu/cpu.cfs_period_us") ?? read("/sys/fs/cgroup/cpu,cpuacct/cpu.cfs_period_us");
  return quota && period ? ratio(quota.trim(), period.trim()) : undefined;
}

function ratio(quota: string | undefined, period: string | undefined): number | undefined {
  const q = Number(quota);
  const p = Number(period);
  return Number.isFinite(q) && q > 0 && Number.isFinite(p) && p > 0 ? q / p : undefined;
}

/** Whole CPUs available: the quota rounded down (never below 1), and never more than the visible cores. */
export function availableCpus(read: ReadFile = readIfPresent, cores = availableParallelism()): number {
  const quota = cgroupCpuQuota(read);
  return Math.max(1, Math.min(cores, quota === undefined ? cores : Math.floor(quota)));
}

// The task sizes Fargate offers (Linux), from the ECS developer guide "Task CPU and memory"
// (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/fargate-tasks-services.html#fargate-tasks-size).
// AWS rejects any other pair when the task definition is registered, i.e. mid-deploy: we reject it up front.

const GIB = 1024;

function range(fromMiB: number, toMiB: number, stepMiB: number): number[] {
  const values: number[] = [];
  for (let memory = fromMiB; memory <= toMiB; memory += stepMiB) values.push(memory);
  return values;
}

/** Memory sizes (MiB) Fargate accepts for each CPU size (CPU units, 1024 = 1 vCPU). */
export const FARGATE_MEMORY_BY_CPU: Readonly<Record<number, readonly number[]>> = {
  256: [512, 1 * GIB, 2 * GIB],
  512: range(1 * GIB, 4 * GIB, GIB),
  1024: range(2 * GIB, 8 * GIB, GIB),
  2048: range(4 * GIB, 16 * GIB, GIB),
  4096: range(8 * GIB, 30 * GIB, GIB),
  8192: range(16 * GIB, 60 * GIB, 4 * GIB),
  16384: range(32 * GIB, 120 * GIB, 8 * GIB),
};

export const FARGATE_CPU_UNITS = Object.keys(FARGATE_MEMORY_BY_CPU).map(Number);

export function isFargateSize(cpu: number, memoryMiB: number): boolean {
  return FARGATE_MEMORY_BY_CPU[cpu]?.includes(memoryMiB) ?? false;
}

/** "512, 1024 or 2048" for an error message that tells the user what would work. */
export function describeFargateMemory(cpu: number): string {
  const sizes = FARGATE_MEMORY_BY_CPU[cpu] ?? [];
  if (sizes.length <= 4) return sizes.join(", ");
  return `${sizes[0]} to ${sizes[sizes.length - 1]} in steps of ${(sizes[1] ?? 0) - (sizes[0] ?? 0)}`;
}

// Public API of @stackyard/templates. Pure: safe to import from browser code.
export * from "./spec/cidr.js";
export {
  describeFargateMemory,
  FARGATE_CPU_UNITS,
  FARGATE_MEMORY_BY_CPU,
  isFargateSize,
} from "./spec/fargate.js";
export * from "./spec/parse.js";
export {
  type EnvironmentSpec,
  type EnvironmentSpecInput,
  environmentSpecSchema,
  MAX_AZ_COUNT,
  type TlsMode,
} from "./spec/schema.js";

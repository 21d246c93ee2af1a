// The environment statuses, apart from the zod inputs, so the list page can import them without zod.
export const STATUSES = [
  "draft",
  "pending",
  "creating",
  "live",
  "updating",
  "failed",
  "deleting",
  "deleted",
] as const;
export type EnvironmentStatus = (typeof STATUSES)[number];

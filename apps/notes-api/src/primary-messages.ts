// The two IPC messages between the cluster primary and a worker (its own module, so a worker does not load
// primary.ts and the primary does not load the server).
export const READY_TO_LISTEN = "notes-api:ready-to-listen";
export const LISTEN = "notes-api:listen";

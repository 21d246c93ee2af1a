// The e2e admin's identity and where its secrets live (under .data/test, never committed).
import { fileURLToPath } from "node:url";

export const E2E_ADMIN = { email: "e2e-admin@stackyard.test", name: "E2E admin" } as const;
export const E2E_ADMIN_SECRET_FILE = fileURLToPath(
  new URL("../.data/test/e2e-admin-password", import.meta.url),
);
export const E2E_STORAGE_STATE = fileURLToPath(
  new URL("../.data/test/e2e-admin.storage.json", import.meta.url),
);

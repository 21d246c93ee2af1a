// Every audited action (the admin's filter lists them); the log stores them as plain strings.
export const AUDIT_ACTIONS = [
  "sign_in",
  "sign_out",
  "sign_out_everywhere",
  "setup",
  "password_change",
  "environment.launch",
  "environment.update",
  "environment.delete",
  "environment.rotate_credentials",
  "environment.continue_rollback",
  "environment.readiness",
  "environment.set_expiry",
  "user.create",
  "user.role",
  "user.disable",
  "user.enable",
  "user.unlock",
  "token.create",
  "token.revoke",
  "token.use_refused",
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

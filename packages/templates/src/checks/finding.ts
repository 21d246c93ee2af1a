// A check result as the portal and the CLI show it.
export type Severity = "error" | "warning" | "info";

export interface Finding {
  severity: Severity;
  /** Which check produced it: "references", "security-groups", "private-tiers", "best-practice", "secrets". */
  check: string;
  /** The resource (or parameter/output) concerned; null for the template as a whole. */
  logicalId: string | null;
  message: string;
  /** Dotted path of the spec field that fixes it, when one does ("database.multiAz"). */
  specField: string | null;
}

export const finding = (
  check: string,
  severity: Severity,
  logicalId: string | null,
  message: string,
  specField: string | null = null,
): Finding => ({ severity, check, logicalId, message, specField });

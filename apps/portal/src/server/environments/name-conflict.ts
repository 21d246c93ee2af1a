// Environment names are unique per target and region (the CloudFormation stack name is the name).
import "server-only";
import { fieldError } from "../field-errors";

export function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === "P2002";
}

export function nameTaken(name: string, region: string, target: "local" | "aws") {
  const where = target === "aws" ? `in ${region}` : "in the local sandbox";
  return fieldError("CONFLICT", [
    {
      path: "name",
      message: `an environment or draft named ${name} already exists ${where}; pick another name`,
    },
  ]);
}

// Errors the deploy engine reports to users: each says what went wrong and what to do.

export type DeployErrorCode =
  | "NO_CREDENTIALS"
  | "ACCESS_DENIED"
  | "THROTTLED"
  | "TEMPLATE_INVALID"
  | "TEMPLATE_TOO_LARGE"
  | "CHANGE_SET_FAILED"
  | "STACK_NOT_FOUND"
  | "NOT_OWNER"
  | "TARGET_ERROR";

export class DeployError extends Error {
  constructor(
    readonly code: DeployErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "DeployError";
  }
}

const NO_CREDENTIALS_MESSAGE =
  "No AWS credentials were found on the portal's server. Set AWS_PROFILE (or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY) and AWS_REGION before starting the portal, or launch to the local sandbox.";

/** Maps an AWS SDK error to a DeployError a person can act on; other errors pass through unchanged. */
export function toDeployError(error: unknown): unknown {
  if (!(error instanceof Error) || error instanceof DeployError) return error;
  const name = error.name;
  if (name === "CredentialsProviderError" || /Could not load credentials/i.test(error.message)) {
    return new DeployError("NO_CREDENTIALS", NO_CREDENTIALS_MESSAGE, { cause: error });
  }
  if (
    name === "AccessDenied" ||
    name === "AccessDeniedException" ||
    /not authorized to perform/i.test(error.message)
  ) {
    return new DeployError(
      "ACCESS_DENIED",
      `AWS refused the request: ${error.message}. The deploying identity needs the policy printed by \`stackyard-templates iam-policy\`.`,
      { cause: error },
    );
  }
  if (isThrottling(error)) {
    return new DeployError("THROTTLED", "AWS is throttling CloudFormation requests; retrying with backoff.", {
      cause: error,
    });
  }
  return error;
}

export function isThrottling(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  return (
    ["Throttling", "ThrottlingException", "TooManyRequestsException", "RequestLimitExceeded"].includes(
      error.name,
    ) || /Rate exceeded/i.test(error.message)
  );
}

export function isStackMissing(error: unknown): boolean {
  return error instanceof Error && /Stack with id .* does not exist/i.test(error.message);
}

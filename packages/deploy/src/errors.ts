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
  | "CREDENTIALS_EXPIRED"
  | "NETWORK"
  | "CHANGE_SET_STALE"
  | "NOT_BOOTSTRAPPED"
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

const NOT_BOOTSTRAPPED_MESSAGE =
  "This AWS account and region are not bootstrapped for Stackyard: create the stackyard-bootstrap stack first (npx stackyard-templates bootstrap; see docs/first-aws-deployment.md), then launch again.";

/** The bootstrap stack's export or service role is missing (a change set's reason, or CreateChangeSet's). */
export function isNotBootstrapped(message: string): boolean {
  return /No export named stackyard-|role\/stackyard-cfn-exec-role-\S* is invalid or cannot be assumed/i.test(
    message,
  );
}

const EXPIRED_NAMES = ["ExpiredToken", "ExpiredTokenException", "TokenRefreshRequired", "RequestExpired"];
const NETWORK_CODES = ["ECONNRESET", "ECONNREFUSED", "ENOTFOUND", "ETIMEDOUT", "EAI_AGAIN", "EPIPE"];

/** Credentials that existed and ran out (an SSO session, a role's session token): renewing them is enough. */
function isExpiredCredentials(error: Error): boolean {
  return (
    EXPIRED_NAMES.includes(error.name) ||
    /(SSO session|token).{0,80}(has |is )?expired|security token included in the request is expired/i.test(
      error.message,
    )
  );
}

function isNetworkError(error: Error): boolean {
  const code = (error as { code?: unknown }).code;
  return (
    ["TimeoutError", "NetworkingError", "RequestTimeout"].includes(error.name) ||
    (typeof code === "string" && NETWORK_CODES.includes(code))
  );
}

/** Maps an AWS SDK error to a DeployError a person can act on; other errors pass through unchanged. */
export function toDeployError(error: unknown): unknown {
  if (!(error instanceof Error) || error instanceof DeployError) return error;
  const name = error.name;
  // Before "no credentials": an expired SSO session is also reported as a CredentialsProviderError.
  if (isExpiredCredentials(error)) {
    return new DeployError(
      "CREDENTIALS_EXPIRED",
      `The portal's AWS credentials expired (${error.message}). Renew them (e.g. aws sso login for the portal's profile); tracking resumes by itself.`,
      { cause: error },
    );
  }
  if (isNetworkError(error)) {
    return new DeployError("NETWORK", `AWS could not be reached (${error.message}); retrying.`, {
      cause: error,
    });
  }
  if (name === "InvalidChangeSetStatusException" || name === "InvalidChangeSetStatus") {
    return new DeployError(
      "CHANGE_SET_STALE",
      "The reviewed change set can no longer be executed (it expired or the stack changed since): review the update again.",
      { cause: error },
    );
  }
  if (isNotBootstrapped(error.message)) {
    return new DeployError("NOT_BOOTSTRAPPED", NOT_BOOTSTRAPPED_MESSAGE, { cause: error });
  }
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
  if (error instanceof DeployError) return error.code === "THROTTLED";
  if (!(error instanceof Error)) return false;
  return (
    ["Throttling", "ThrottlingException", "TooManyRequestsException", "RequestLimitExceeded"].includes(
      error.name,
    ) || /Rate exceeded/i.test(error.message)
  );
}

/**
 * Errors that pause tracking instead of ending it: the stack goes on in AWS whatever happens to our view of
 * it, so throttling, expired credentials and the network are waited out (with a banner), never given up on.
 */
export function isTransient(error: unknown): boolean {
  const mapped = toDeployError(error);
  return (
    mapped instanceof DeployError &&
    (mapped.code === "THROTTLED" || mapped.code === "CREDENTIALS_EXPIRED" || mapped.code === "NETWORK")
  );
}

/** DescribeStacks says "Stack with id X does not exist", DescribeStackEvents "Stack [X] does not exist". */
export function isStackMissing(error: unknown): boolean {
  return error instanceof Error && /Stack (with id \S+|\[[^\]]+\]) does not exist/i.test(error.message);
}

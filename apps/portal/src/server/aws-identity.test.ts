import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { mockClient } from "aws-sdk-client-mock";
import { afterEach, describe, expect, it } from "vitest";
import { lookUpAwsIdentity } from "./aws-identity";

const sts = mockClient(STSClient);
afterEach(() => sts.reset());

describe("the AWS target", () => {
  it("shows the account and identity the portal would deploy as", async () => {
    sts.on(GetCallerIdentityCommand).resolves({
      Account: "123456789012",
      Arn: "arn:aws:iam::123456789012:user/deployer",
    });
    expect(await lookUpAwsIdentity(new STSClient({ region: "us-east-1" }))).toEqual({
      available: true,
      account: "123456789012",
      arn: "arn:aws:iam::123456789012:user/deployer",
    });
  });

  it("is unavailable, with the reason, when there are no credentials", async () => {
    const missing = Object.assign(new Error("Could not load credentials"), {
      name: "CredentialsProviderError",
    });
    sts.on(GetCallerIdentityCommand).rejects(missing);
    expect(await lookUpAwsIdentity(new STSClient({ region: "us-east-1" }))).toEqual({
      available: false,
      reason: "No AWS credentials are configured on the portal server",
    });
  });

  it("is unavailable when the credentials are refused", async () => {
    const expired = Object.assign(new Error("expired"), { name: "ExpiredToken" });
    sts.on(GetCallerIdentityCommand).rejects(expired);
    const identity = await lookUpAwsIdentity(new STSClient({ region: "us-east-1" }));
    expect(identity).toEqual({ available: false, reason: "AWS credentials did not work (ExpiredToken)" });
  });
});

// The image chicken-and-egg: the stack creates the ECR repository the service pulls from, so on the first
// deploy there is no image yet. The AppImage parameter decides:
//  - empty (first deploy): the service is created with 0 tasks, so the stack completes, and the
//    ImagePushCommands output says how to push an image and point the stack at it;
//  - set (an ECR or public image URI): the service runs desiredCount tasks and scales between min and max.
import type { EnvironmentSpec } from "../spec/schema.js";
import { type CfnOutput, getAtt, sub, subVariable, type TemplateFragment, tags } from "./cfn.js";
import { ID } from "./ids.js";
import { hasInstances } from "./instances.js";

/** notes-api builds from the repository root (its workspace needs the root lockfile) with this Dockerfile. */
const DEFAULT_DOCKERFILE = "apps/notes-api/Dockerfile";

/** A new tag per run (commit + UTC time): the repository's tags are immutable. */
const IMAGE_TAG_COMMAND = "$(git rev-parse --short HEAD)-$(date -u +%Y%m%d%H%M%S)";

export function appImageFragment(spec: EnvironmentSpec): TemplateFragment {
  return {
    Parameters: {
      [ID.appImageParameter]: {
        Type: "String",
        Default: spec.app.image ?? "",
        Description:
          "Image the service runs. Empty on the first deploy: the service starts with 0 tasks until you push one.",
      },
    },
    Conditions: {
      [ID.hasAppImage]: { "Fn::Not": [{ "Fn::Equals": [{ Ref: ID.appImageParameter }, ""] }] },
    },
    Resources: {
      [ID.repository]: {
        Type: "AWS::ECR::Repository",
        Properties: {
          ImageScanningConfiguration: { ScanOnPush: true },
          // Immutable tags: the image a task definition names cannot change under it.
          ImageTagMutability: "IMMUTABLE",
          // Images are rebuilt from source; without this, deleting the stack fails on a non-empty repository.
          EmptyOnDelete: true,
          LifecyclePolicy: {
            LifecyclePolicyText: JSON.stringify({
              rules: [
                {
                  rulePriority: 1,
                  description: "Keep the 30 most recent images",
                  selection: { tagStatus: "any", countType: "imageCountMoreThan", countNumber: 30 },
                  action: { type: "expire" },
                },
              ],
            }),
          },
          Tags: tags(spec.name, "notes-api"),
        },
      },
    },
    Outputs: { ImagePushCommands: pushCommandsOutput(hasInstances(spec)) },
  };
}

export interface ImagePushOptions {
  stackName: string;
  region: string;
  /** The EcrRepositoryUri output, e.g. 123456789012.dkr.ecr.us-east-1.amazonaws.com/notes-prod-appimagerepository-abc */
  repositoryUri: string;
  /** The registry host; by default the part of repositoryUri before the first "/". */
  registry?: string;
  /** Whether the stack has EC2 instances (and so the UbuntuAmiId parameter, kept at its previous value). */
  hasInstances?: boolean;
  /**
   * Tag to push. The repository's tags are immutable (pushing an existing tag fails), so every run needs a
   * new one: by default the commit and the UTC time, so a re-run on the same commit still pushes.
   * https://docs.aws.amazon.com/AmazonECR/latest/userguide/image-tag-mutability.html
   */
  tag?: string;
  /** Dockerfile path relative to the repository root, where the commands run. */
  dockerfile?: string;
}

/** The exact commands to build, push and deploy the first (or next) image, one per line. */
export function imagePushCommands(options: ImagePushOptions): string[] {
  const tag = options.tag ?? IMAGE_TAG_COMMAND;
  const registry = options.registry ?? options.repositoryUri.split("/")[0] ?? options.repositoryUri;
  const image = `${options.repositoryUri}:${tag}`;
  // Left out, the AMI parameter would have no value (it has no default): keep the deployed one.
  const keepAmi =
    options.hasInstances === false ? "" : ` ParameterKey=${ID.amiParameter},UsePreviousValue=true`;
  return [
    `aws ecr get-login-password --region ${options.region} | docker login --username AWS --password-stdin ${registry}`,
    `docker build --platform linux/amd64 -f ${options.dockerfile ?? DEFAULT_DOCKERFILE} -t ${image} .`,
    `docker push ${image}`,
    `aws cloudformation update-stack --region ${options.region} --stack-name ${options.stackName} --use-previous-template --capabilities CAPABILITY_IAM --parameters ParameterKey=${ID.appImageParameter},ParameterValue=${image}${keepAmi}`,
  ];
}

function pushCommandsOutput(withInstances: boolean): CfnOutput {
  const lines = imagePushCommands({
    hasInstances: withInstances,
    stackName: subVariable("AWS::StackName"),
    region: subVariable("AWS::Region"),
    repositoryUri: subVariable(`${ID.repository}.RepositoryUri`),
    registry: `${subVariable("AWS::AccountId")}.dkr.ecr.${subVariable("AWS::Region")}.${subVariable("AWS::URLSuffix")}`,
    tag: "$TAG",
  });
  return {
    Description:
      "Build and push the notes-api image, then point the stack at it (run from the repository root)",
    Value: sub([`TAG=${IMAGE_TAG_COMMAND}`, ...lines].join(" && ")),
  };
}

/** The image a task runs: the parameter, or a placeholder in this stack's repository while none exists. */
export const taskImage = () => ({
  "Fn::If": [
    ID.hasAppImage,
    { Ref: ID.appImageParameter },
    sub(`\${${ID.repository}.RepositoryUri}:no-image-yet`),
  ],
});

export const repositoryArn = () => getAtt(ID.repository, "Arn");

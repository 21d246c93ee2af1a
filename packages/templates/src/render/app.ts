// The middle tier: an ECS cluster running notes-api on Fargate in the private subnets, behind the ALB.
import { SCHEME_HEADER } from "../nginx/conf.js";
import type { EnvironmentSpec } from "../spec/schema.js";
import { dbSecretArn } from "./app-iam.js";
import { taskImage } from "./app-image.js";
import {
  type CfnResource,
  fnIf,
  getAtt,
  type Json,
  nagMetadata,
  ref,
  type TemplateFragment,
  tags,
} from "./cfn.js";
import { ID } from "./ids.js";
import { listenerIds } from "./load-balancer.js";
import { privateSubnetRefs } from "./network.js";
import { albIsEdge } from "./security-table.js";

const CONTAINER_NAME = "notes-api";
const APP_LOG_RETENTION_DAYS = 30;
/** Liveness probe run inside the container (node is there; curl/wget are not in the image). */
const CONTAINER_HEALTH_PROBE =
  "fetch('http://127.0.0.1:'+(process.env.PORT||5000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))";
/** notes-api drains on SIGTERM within SHUTDOWN_TIMEOUT_MS (20 s); ECS kills after this. */
const STOP_TIMEOUT_SECONDS = 30;

export function appFragment(spec: EnvironmentSpec): TemplateFragment {
  return {
    Resources: {
      [ID.logGroup]: {
        Type: "AWS::Logs::LogGroup",
        Properties: { RetentionInDays: APP_LOG_RETENTION_DAYS, Tags: tags(spec.name, "notes-api") },
      },
      [ID.cluster]: {
        Type: "AWS::ECS::Cluster",
        Properties: {
          ClusterSettings: [{ Name: "containerInsights", Value: "enabled" }],
          Tags: tags(spec.name, "cluster"),
        },
      },
      [ID.taskDefinition]: taskDefinition(spec),
      [ID.service]: service(spec),
    },
  };
}

function taskDefinition(spec: EnvironmentSpec): CfnResource {
  const environment: [string, Json][] = [
    ["PORT", String(spec.app.containerPort)],
    ["HOST", "0.0.0.0"],
    ["DB_HOST", getAtt(ID.dbInstance, "Endpoint.Address")],
    ["DB_PORT", getAtt(ID.dbInstance, "Endpoint.Port")],
    ["DB_NAME", spec.database.name],
    ["DB_TLS", "rds"],
    // Not the secret itself: its ARN. notes-api reads it (the task role may, on this secret only) and reads
    // it again when MySQL refuses the cached password: RDS rotates it every 7 days, and secrets ECS injects
    // are fixed at task start, so after a rotation every new connection of a running task would fail.
    // https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/rds-secrets-manager.html
    // https://docs.aws.amazon.com/AmazonECS/latest/developerguide/secrets-envvar-secrets-manager.html
    ["DB_SECRET_ARN", dbSecretArn()],
    // Requests arrive through nginx and the ALB, both inside the VPC: trust forwarding headers from there.
    ["TRUST_PROXY", spec.network.vpcCidr],
  ];
  // With nginx as the edge, the internal ALB overwrites X-Forwarded-Proto with "http": the browser's scheme
  // comes in nginx's own header, which the ALB passes on. With the ALB as the edge its X-Forwarded-Proto is
  // the browser's, and a client's X-Stackyard-Proto would pass through unchecked: keep the default there.
  // https://docs.aws.amazon.com/elasticloadbalancing/latest/application/x-forwarded-headers.html#x-forwarded-proto
  if (!albIsEdge(spec)) environment.push(["PROXY_PROTO_HEADER", SCHEME_HEADER.toLowerCase()]);
  return {
    Type: "AWS::ECS::TaskDefinition",
    Metadata: nagMetadata([
      {
        id: "AwsSolutions-ECS2",
        reason:
          "Only non-secret settings (host, port, database name, the secret's ARN) are plain environment; the app reads the credentials from Secrets Manager.",
      },
    ]),
    Properties: {
      Family: `${spec.name}-notes-api`,
      Cpu: String(spec.app.cpu),
      Memory: String(spec.app.memoryMiB),
      NetworkMode: "awsvpc",
      RequiresCompatibilities: ["FARGATE"],
      RuntimePlatform: { OperatingSystemFamily: "LINUX", CpuArchitecture: "X86_64" },
      ExecutionRoleArn: getAtt(ID.executionRole, "Arn"),
      TaskRoleArn: getAtt(ID.taskRole, "Arn"),
      // The root filesystem is read-only; /tmp is the one writable place (Node and npm expect it).
      Volumes: [{ Name: "tmp" }],
      ContainerDefinitions: [
        {
          Name: CONTAINER_NAME,
          Image: taskImage(),
          Essential: true,
          PortMappings: [{ ContainerPort: spec.app.containerPort, Protocol: "tcp" }],
          ReadonlyRootFilesystem: true,
          MountPoints: [{ SourceVolume: "tmp", ContainerPath: "/tmp", ReadOnly: false }],
          Environment: environment.map(([Name, Value]) => ({ Name, Value })),
          StopTimeout: STOP_TIMEOUT_SECONDS,
          // The Dockerfile's HEALTHCHECK, which ECS ignores: only a HealthCheck in the container definition
          // makes ECS replace a wedged container. /healthz never touches the database (an outage must not
          // get every task replaced). https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-ecs-taskdefinition-healthcheck.html
          HealthCheck: {
            Command: ["CMD", "node", "-e", CONTAINER_HEALTH_PROBE],
            Interval: 15,
            Timeout: 5,
            Retries: 3,
            StartPeriod: 30,
          },
          LogConfiguration: {
            LogDriver: "awslogs",
            Options: {
              "awslogs-group": ref(ID.logGroup),
              "awslogs-region": ref("AWS::Region"),
              "awslogs-stream-prefix": CONTAINER_NAME,
            },
          },
        },
      ],
      Tags: tags(spec.name, "notes-api"),
    },
  };
}

function service(spec: EnvironmentSpec): CfnResource {
  return {
    Type: "AWS::ECS::Service",
    DependsOn: listenerIds(spec),
    Properties: {
      Cluster: ref(ID.cluster),
      TaskDefinition: ref(ID.taskDefinition),
      LaunchType: "FARGATE",
      // No image yet (first deploy): 0 tasks, so the stack completes; see app-image.ts.
      DesiredCount: fnIf(ID.hasAppImage, spec.app.desiredCount, 0),
      NetworkConfiguration: {
        AwsvpcConfiguration: {
          AssignPublicIp: "DISABLED",
          Subnets: privateSubnetRefs(spec),
          SecurityGroups: [ref(ID.appSecurityGroup)],
        },
      },
      LoadBalancers: [
        {
          ContainerName: CONTAINER_NAME,
          ContainerPort: spec.app.containerPort,
          TargetGroupArn: ref(ID.targetGroup),
        },
      ],
      HealthCheckGracePeriodSeconds: 60,
      // A deployment whose tasks never get healthy rolls back by itself instead of hanging the stack.
      DeploymentConfiguration: {
        DeploymentCircuitBreaker: { Enable: true, Rollback: true },
        MinimumHealthyPercent: 100,
        MaximumPercent: 200,
      },
      PropagateTags: "SERVICE",
      EnableECSManagedTags: true,
      Tags: tags(spec.name, "notes-api"),
    },
  };
}

// The peer: the same three-tier architecture written with aws-cdk-lib's L2 constructs (ec2.Vpc,
// ecs.FargateService behind an internal ALB, rds.DatabaseInstance, nginx and bastion instances), synthesised
// to a CloudFormation template. Used only by the benchmark.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { App, Duration, RemovalPolicy, Stack, Validations } from "aws-cdk-lib";
import * as ec2 from "aws-cdk-lib/aws-ec2";
import * as ecr from "aws-cdk-lib/aws-ecr";
import * as ecs from "aws-cdk-lib/aws-ecs";
import * as elbv2 from "aws-cdk-lib/aws-elasticloadbalancingv2";
import * as logs from "aws-cdk-lib/aws-logs";
import * as rds from "aws-cdk-lib/aws-rds";

export function synthesizeCdkPeer() {
  const outdir = mkdtempSync(join(tmpdir(), "stackyard-cdk-peer-"));
  try {
    const app = new App({ outdir });
    const stack = new Stack(app, "NotesPeer", { env: { account: "123456789012", region: "us-east-1" } });
    const vpc = new ec2.Vpc(stack, "Vpc", {
      ipAddresses: ec2.IpAddresses.cidr("10.0.0.0/16"),
      maxAzs: 2,
      natGateways: 1,
      subnetConfiguration: [
        { name: "public", subnetType: ec2.SubnetType.PUBLIC, cidrMask: 20 },
        { name: "private", subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS, cidrMask: 20 },
      ],
      flowLogs: {
        all: {
          destination: ec2.FlowLogDestination.toCloudWatchLogs(),
          trafficType: ec2.FlowLogTrafficType.ALL,
        },
      },
    });
    const nginxSg = new ec2.SecurityGroup(stack, "NginxSecurityGroup", { vpc, description: "nginx" });
    nginxSg.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(80));
    nginxSg.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(443));
    const albSg = new ec2.SecurityGroup(stack, "AlbSecurityGroup", { vpc, allowAllOutbound: false });
    albSg.addIngressRule(nginxSg, ec2.Port.tcp(80));
    const appSg = new ec2.SecurityGroup(stack, "AppSecurityGroup", { vpc });
    const dbSg = new ec2.SecurityGroup(stack, "DbSecurityGroup", { vpc, allowAllOutbound: false });
    const bastionSg = new ec2.SecurityGroup(stack, "BastionSecurityGroup", { vpc });
    dbSg.addIngressRule(appSg, ec2.Port.tcp(3306));
    dbSg.addIngressRule(bastionSg, ec2.Port.tcp(3306));

    const machineImage = ec2.MachineImage.fromSsmParameter(
      "/aws/service/canonical/ubuntu/server/24.04/stable/current/amd64/hvm/ebs-gp3/ami-id",
    );
    const instance = (id, sg, subnetType) =>
      new ec2.Instance(stack, id, {
        vpc,
        vpcSubnets: { subnetType },
        instanceType: new ec2.InstanceType("t3.micro"),
        machineImage,
        securityGroup: sg,
        requireImdsv2: true,
        ssmSessionPermissions: true,
        blockDevices: [
          { deviceName: "/dev/sda1", volume: ec2.BlockDeviceVolume.ebs(16, { encrypted: true }) },
        ],
      });
    const nginx = instance("NginxInstance", nginxSg, ec2.SubnetType.PUBLIC);
    new ec2.CfnEIP(stack, "NginxEip", { domain: "vpc", instanceId: nginx.instanceId });
    instance("BastionInstance", bastionSg, ec2.SubnetType.PRIVATE_WITH_EGRESS);

    const database = new rds.DatabaseInstance(stack, "DbInstance", {
      engine: rds.DatabaseInstanceEngine.mysql({ version: rds.MysqlEngineVersion.VER_8_0 }),
      instanceType: ec2.InstanceType.of(ec2.InstanceClass.T3, ec2.InstanceSize.MICRO),
      vpc,
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
      securityGroups: [dbSg],
      multiAz: true,
      storageEncrypted: true,
      allocatedStorage: 20,
      databaseName: "notes",
      backupRetention: Duration.days(7),
      deletionProtection: true,
      removalPolicy: RemovalPolicy.SNAPSHOT,
      credentials: rds.Credentials.fromGeneratedSecret("notes_admin"),
    });

    const repository = new ecr.Repository(stack, "AppImageRepository", {
      imageScanOnPush: true,
      emptyOnDelete: true,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    const cluster = new ecs.Cluster(stack, "AppCluster", {
      vpc,
      containerInsightsV2: ecs.ContainerInsights.ENABLED,
    });
    const task = new ecs.FargateTaskDefinition(stack, "AppTaskDefinition", { cpu: 256, memoryLimitMiB: 512 });
    task.addContainer("notes-api", {
      image: ecs.ContainerImage.fromEcrRepository(repository, "latest"),
      portMappings: [{ containerPort: 5000 }],
      readonlyRootFilesystem: true,
      logging: ecs.LogDrivers.awsLogs({
        streamPrefix: "notes-api",
        logRetention: logs.RetentionDays.ONE_MONTH,
      }),
      environment: { DB_HOST: database.dbInstanceEndpointAddress, DB_NAME: "notes" },
      secrets: {
        DB_USER: ecs.Secret.fromSecretsManager(database.secret, "username"),
        DB_PASSWORD: ecs.Secret.fromSecretsManager(database.secret, "password"),
      },
    });
    const service = new ecs.FargateService(stack, "AppService", {
      cluster,
      taskDefinition: task,
      desiredCount: 2,
      securityGroups: [appSg],
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
      circuitBreaker: { rollback: true },
    });
    const alb = new elbv2.ApplicationLoadBalancer(stack, "AppLoadBalancer", {
      vpc,
      internetFacing: false,
      securityGroup: albSg,
    });
    const listener = alb.addListener("AppHttpListener", { port: 80, open: false });
    listener.addTargets("App", {
      port: 5000,
      protocol: elbv2.ApplicationProtocol.HTTP,
      targets: [service],
      healthCheck: { path: "/healthz" },
    });
    service
      .autoScaleTaskCount({ minCapacity: 2, maxCapacity: 6 })
      .scaleOnCpuUtilization("Cpu", { targetUtilizationPercent: 60 });

    // CDK's own "8.0" (VER_8_0) is not in the validator's list of full versions; RDS accepts it.
    Validations.of(database).acknowledge({
      id: "CloudFormation-Validate::E9006",
      reason: "major version 8.0",
    });
    return app.synth().getStackByName("NotesPeer").template;
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

// Logical IDs, in one place so modules that reference each other cannot drift. Each names its tier and
// role: they are what a user sees in the stack's event log.
export const ID = {
  vpc: "Vpc",
  internetGateway: "InternetGateway",
  internetGatewayAttachment: "InternetGatewayAttachment",
  publicRouteTable: "PublicRouteTable",
  publicDefaultRoute: "PublicDefaultRoute",
  publicSubnet: (index: number) => `PublicSubnet${index + 1}`,
  publicSubnetRouteTableAssociation: (index: number) => `PublicSubnet${index + 1}RouteTableAssociation`,
  privateSubnet: (index: number) => `PrivateSubnet${index + 1}`,
  privateSubnetRouteTableAssociation: (index: number) => `PrivateSubnet${index + 1}RouteTableAssociation`,
  natEip: (zone: number) => `NatGateway${zone + 1}Eip`,
  natGateway: (zone: number) => `NatGateway${zone + 1}`,
  privateRouteTable: (zone: number) => `PrivateRouteTable${zone + 1}`,
  privateDefaultRoute: (zone: number) => `PrivateRouteTable${zone + 1}DefaultRoute`,
  flowLogGroup: "VpcFlowLogGroup",
  flowLogRole: "VpcFlowLogRole",
  flowLog: "VpcFlowLog",

  nginxSecurityGroup: "NginxSecurityGroup",
  albSecurityGroup: "AlbSecurityGroup",
  appSecurityGroup: "AppSecurityGroup",
  dbSecurityGroup: "DbSecurityGroup",
  bastionSecurityGroup: "BastionSecurityGroup",

  nginxRole: "NginxInstanceRole",
  nginxInstanceProfile: "NginxInstanceProfile",
  nginxInstance: "NginxInstance",
  nginxEip: "NginxEip",
  dnsRecord: "AppDnsRecord",

  loadBalancer: "AppLoadBalancer",
  targetGroup: "AppTargetGroup",
  httpListener: "AppHttpListener",
  httpsListener: "AppHttpsListener",

  repository: "AppImageRepository",
  logGroup: "AppLogGroup",
  cluster: "AppCluster",
  executionRole: "AppTaskExecutionRole",
  taskRole: "AppTaskRole",
  taskDefinition: "AppTaskDefinition",
  service: "AppService",
  scalableTarget: "AppScalableTarget",
  cpuScalingPolicy: "AppCpuScalingPolicy",

  dbSubnetGroup: "DbSubnetGroup",
  dbInstance: "DbInstance",
  dbParameterGroup: "DbParameterGroup",

  bastionRole: "BastionInstanceRole",
  bastionInstanceProfile: "BastionInstanceProfile",
  bastionInstance: "BastionInstance",
  bastionEip: "BastionEip",

  appImageParameter: "AppImage",
  amiParameter: "UbuntuAmiId",
  hasAppImage: "HasAppImage",
} as const;

/** The zone a subnet is placed in: subnets go round the stack's zones in order. */
export const zoneOfSubnet = (index: number, azCount: number) => index % azCount;

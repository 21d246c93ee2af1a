// The security-group table of DESIGN.md section 1, as data. The renderer builds the groups from it and
// the README prints it; checks/ verifies a rendered template independently of it.
import type { EnvironmentSpec } from "../spec/schema.js";
import { ID } from "./ids.js";

type TrafficSource = { cidr: string } | { group: string };

export interface SecurityRule {
  port: number;
  source: TrafficSource;
  /** Shown in the console next to the rule; AWS allows only a-zA-Z0-9 and ._-:/()#,@[]+=&;{}!$* here. */
  description: string;
}

export interface SecurityGroupSpec {
  logicalId: string;
  description: string;
  ingress: SecurityRule[];
  /** Outbound rules; null keeps AWS's default allow-all (needed for package installs and certbot). */
  egress: SecurityRule[] | null;
}

const MYSQL_PORT = 3306;
const WORLD = { cidr: "0.0.0.0/0" };

/** Whether nginx on EC2 is the edge (certbot/none) or the ALB is, internet-facing with ACM (acm). */
export const albIsEdge = (spec: EnvironmentSpec) => spec.edge.tls === "acm";

export function securityGroupTable(spec: EnvironmentSpec): SecurityGroupSpec[] {
  const port = spec.app.containerPort;
  const groups: SecurityGroupSpec[] = [];
  if (!albIsEdge(spec)) {
    groups.push({
      logicalId: ID.nginxSecurityGroup,
      description: "nginx reverse proxy: HTTP and HTTPS from the internet",
      ingress: [
        {
          port: 80,
          source: WORLD,
          description: "HTTP from the internet (ACME challenges, redirect to HTTPS)",
        },
        { port: 443, source: WORLD, description: "HTTPS from the internet" },
      ],
      egress: null,
    });
  }
  const albIngress: SecurityRule[] = albIsEdge(spec)
    ? [
        { port: 80, source: WORLD, description: "HTTP from the internet (redirected to HTTPS)" },
        { port: 443, source: WORLD, description: "HTTPS from the internet (ACM certificate)" },
      ]
    : [{ port: 80, source: { group: ID.nginxSecurityGroup }, description: "HTTP from the nginx proxy" }];
  groups.push({
    logicalId: ID.albSecurityGroup,
    description: albIsEdge(spec)
      ? "Internet-facing load balancer (ACM TLS)"
      : "Internal load balancer: from nginx only",
    ingress: albIngress,
    egress: [{ port, source: { group: ID.appSecurityGroup }, description: "To the app tasks" }],
  });
  groups.push({
    logicalId: ID.appSecurityGroup,
    description: "notes-api tasks: from the load balancer only",
    ingress: [
      { port, source: { group: ID.albSecurityGroup }, description: "App port from the load balancer" },
    ],
    egress: [
      { port: 443, source: WORLD, description: "HTTPS out via NAT: ECR, Secrets Manager, CloudWatch Logs" },
      { port: MYSQL_PORT, source: { group: ID.dbSecurityGroup }, description: "MySQL to the database" },
    ],
  });
  const dbIngress: SecurityRule[] = [
    { port: MYSQL_PORT, source: { group: ID.appSecurityGroup }, description: "MySQL from the app tasks" },
  ];
  if (spec.bastion.enabled) {
    dbIngress.push({
      port: MYSQL_PORT,
      source: { group: ID.bastionSecurityGroup },
      description: "MySQL from the bastion",
    });
  }
  groups.push({
    logicalId: ID.dbSecurityGroup,
    description: "MySQL database: from the app tasks and the bastion only",
    ingress: dbIngress,
    egress: [],
  });
  if (spec.bastion.enabled) {
    const ssh = spec.bastion.access === "ssh" && spec.bastion.sshAllowedCidr;
    groups.push({
      logicalId: ID.bastionSecurityGroup,
      description: ssh
        ? "Bastion: SSH from one CIDR"
        : "Bastion: no inbound, reached through SSM Session Manager",
      ingress: ssh ? [{ port: 22, source: { cidr: ssh }, description: "SSH from the one allowed CIDR" }] : [],
      egress: null,
    });
  }
  return groups;
}

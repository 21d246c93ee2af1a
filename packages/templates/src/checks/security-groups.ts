// Security-group reachability against DESIGN.md's table, derived from what each group is attached to:
// the database admits only the app and the bastion on 3306; the app only the ALB on its port; the ALB
// only nginx (or the internet on 80/443 when it is the edge); the bastion only SSH from one CIDR; and
// nothing is open to the world except the edge on 80 and 443.
import type { CfnTemplate } from "../render/cfn.js";
import { type Finding, finding } from "./finding.js";
import { isObject, props, referencedId, referencedIds, resources, resourcesOfType } from "./walk.js";

const CHECK = "security-groups";
const WORLD = new Set(["0.0.0.0/0", "::/0"]);

interface IngressRule {
  group: string;
  /** Where the rule is declared: the group itself (inline) or a SecurityGroupIngress resource. */
  declaredIn: string;
  fromPort: number;
  toPort: number;
  protocol: string;
  source: { cidr: string } | { group: string } | { unknown: true };
}

export function checkSecurityGroups(template: CfnTemplate): Finding[] {
  const rules = ingressRules(template);
  const roles = groupRoles(template);
  const findings: Finding[] = [];
  const sourceName = (rule: IngressRule) =>
    "cidr" in rule.source
      ? rule.source.cidr
      : "group" in rule.source
        ? rule.source.group
        : "an unknown source";

  for (const rule of rules) {
    const role = roles.get(rule.group) ?? "unattached";
    const ports =
      rule.fromPort === rule.toPort ? `port ${rule.fromPort}` : `ports ${rule.fromPort}-${rule.toPort}`;
    const fail = (message: string, specField: string | null = null) =>
      findings.push(finding(CHECK, "error", rule.declaredIn, message, specField));
    if (rule.protocol === "-1") fail(`${rule.group} allows every protocol and port from ${sourceName(rule)}`);
    const world = "cidr" in rule.source && WORLD.has(rule.source.cidr);
    const webPort = rule.fromPort === rule.toPort && (rule.fromPort === 80 || rule.fromPort === 443);
    const edgeRole = role === "edge" || role === "edge-load-balancer";
    if (world && !(edgeRole && webPort)) {
      fail(
        `${rule.group} (${role}) is open to the whole internet on ${ports}`,
        role === "bastion" ? "bastion.sshAllowedCidr" : null,
      );
      continue;
    }
    const from = "group" in rule.source ? (roles.get(rule.source.group) ?? "unattached") : "cidr";
    const allowed: Record<string, string[]> = {
      database: ["app", "bastion"],
      app: ["load-balancer", "edge-load-balancer"],
      "load-balancer": ["edge"],
    };
    if (role in allowed && !allowed[role]?.includes(from)) {
      fail(
        `${rule.group} (${role}) admits ${sourceName(rule)} (${from}) on ${ports}; the table allows only ${allowed[role]?.join(" and ")}`,
      );
    }
    if (role === "database" && (rule.fromPort !== 3306 || rule.toPort !== 3306)) {
      fail(`${rule.group} (database) opens ${ports}; only MySQL 3306 is expected`);
    }
    if (role === "bastion" && (rule.fromPort !== 22 || rule.toPort !== 22 || from !== "cidr")) {
      fail(
        `${rule.group} (bastion) admits ${sourceName(rule)} on ${ports}; only SSH from one CIDR is expected`,
        "bastion.access",
      );
    }
  }
  findings.push(...missingPaths(rules, roles));
  return findings;
}

/**
 * The paths the table requires: without them the app is unreachable (nginx → ALB → app) or cannot reach
 * its database. Each is checked only when both ends exist in the template.
 */
const REQUIRED_PATHS: { to: string; from: string; port: number | "any"; what: string }[] = [
  { to: "edge", from: "world", port: 80, what: "HTTP from the internet to nginx" },
  { to: "edge", from: "world", port: 443, what: "HTTPS from the internet to nginx" },
  {
    to: "edge-load-balancer",
    from: "world",
    port: 443,
    what: "HTTPS from the internet to the load balancer",
  },
  { to: "load-balancer", from: "edge", port: 80, what: "nginx to the internal load balancer" },
  { to: "app", from: "load-balancer", port: "any", what: "the load balancer to the app" },
  { to: "app", from: "edge-load-balancer", port: "any", what: "the load balancer to the app" },
  { to: "database", from: "app", port: 3306, what: "the app to MySQL" },
  { to: "database", from: "bastion", port: 3306, what: "the bastion to MySQL" },
];

function missingPaths(rules: IngressRule[], roles: Map<string, string>): Finding[] {
  const present = new Set(roles.values());
  const findings: Finding[] = [];
  for (const path of REQUIRED_PATHS) {
    if (!present.has(path.to) || (path.from !== "world" && !present.has(path.from))) continue;
    const open = rules.some((rule) => {
      if (roles.get(rule.group) !== path.to) return false;
      const from =
        "cidr" in rule.source
          ? WORLD.has(rule.source.cidr)
            ? "world"
            : "cidr"
          : "group" in rule.source
            ? roles.get(rule.source.group)
            : undefined;
      return (
        from === path.from &&
        (path.port === "any" || (rule.fromPort <= path.port && path.port <= rule.toPort))
      );
    });
    if (!open) {
      const target = [...roles].find(([, role]) => role === path.to)?.[0] ?? null;
      findings.push(
        finding(
          CHECK,
          "error",
          target,
          `no rule lets ${path.what} through${path.port === "any" ? "" : ` on port ${path.port}`}`,
        ),
      );
    }
  }
  return findings;
}

/** What each security group protects, from the resources it is attached to. */
function groupRoles(template: CfnTemplate): Map<string, string> {
  const roles = new Map<string, string>();
  const assign = (groups: string[], role: string) => {
    for (const group of groups) roles.set(group, role);
  };
  for (const [, db] of resourcesOfType(template, "AWS::RDS::DBInstance")) {
    assign(referencedIds(props(db).VPCSecurityGroups), "database");
  }
  for (const [, service] of resourcesOfType(template, "AWS::ECS::Service")) {
    const network = props(service).NetworkConfiguration;
    const awsvpc = isObject(network) ? network.AwsvpcConfiguration : undefined;
    assign(referencedIds(isObject(awsvpc) ? awsvpc.SecurityGroups : undefined), "app");
  }
  for (const [, alb] of resourcesOfType(template, "AWS::ElasticLoadBalancingV2::LoadBalancer")) {
    const internetFacing = props(alb).Scheme === "internet-facing";
    assign(referencedIds(props(alb).SecurityGroups), internetFacing ? "edge-load-balancer" : "load-balancer");
  }
  for (const [id, instance] of resourcesOfType(template, "AWS::EC2::Instance")) {
    const p = props(instance);
    const interfaces = Array.isArray(p.NetworkInterfaces) ? p.NetworkInterfaces : [];
    const groups = [
      ...referencedIds(p.SecurityGroupIds),
      ...interfaces.flatMap((eni) => (isObject(eni) ? referencedIds(eni.GroupSet) : [])),
    ];
    assign(groups, /bastion/i.test(id) ? "bastion" : "edge");
  }
  return roles;
}

function ingressRules(template: CfnTemplate): IngressRule[] {
  const rules: IngressRule[] = [];
  for (const [id, resource] of resources(template)) {
    const p = props(resource);
    if (resource?.Type === "AWS::EC2::SecurityGroup" && Array.isArray(p.SecurityGroupIngress)) {
      for (const rule of p.SecurityGroupIngress) if (isObject(rule)) rules.push(toRule(id, id, rule));
    }
    if (resource?.Type === "AWS::EC2::SecurityGroupIngress") {
      rules.push(toRule(referencedId(p.GroupId) ?? "?", id, p));
    }
  }
  return rules;
}

function toRule(group: string, declaredIn: string, rule: Record<string, unknown>): IngressRule {
  const sourceGroup = referencedId(rule.SourceSecurityGroupId);
  const cidr =
    typeof rule.CidrIp === "string" ? rule.CidrIp : typeof rule.CidrIpv6 === "string" ? rule.CidrIpv6 : null;
  const protocol = String(rule.IpProtocol ?? "");
  const all = protocol === "-1";
  return {
    group,
    declaredIn,
    protocol,
    fromPort: all ? 0 : Number(rule.FromPort),
    toPort: all ? 65535 : Number(rule.ToPort),
    source: sourceGroup ? { group: sourceGroup } : cidr ? { cidr } : { unknown: true },
  };
}

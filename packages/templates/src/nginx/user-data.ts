// EC2 boot scripts (Ubuntu 24.04). Kept as plain functions returning bash so that tests can run
// shellcheck over exactly what the instance will run. Nothing here may block or fail the stack: the
// certificate is issued by a systemd timer that retries until DNS points at the instance.
import {
  DEFAULT_CLIENT_MAX_BODY_SIZE,
  EC2_ACME_WEBROOT,
  type NginxConfOptions,
  renderNginxConf,
  SYSTEMD_NGINX_PROCESS,
} from "./conf.js";

/** The VPC's DNS resolver, reachable from every instance (the "+2" resolver's link-local address). */
const VPC_DNS_RESOLVER = "169.254.169.253";

export interface NginxUserDataOptions {
  /** DNS name of the internal ALB (a CloudFormation placeholder when rendered into the template). */
  albDnsName: string;
  domain: string | null;
  /** When set, certbot issues a Let's Encrypt certificate for `domain` and nginx switches to HTTPS. */
  certbotEmail: string | null;
  clientMaxBodySize?: string;
  /**
   * Where to send the CreationPolicy signal (cfn-signal) once nginx serves, or that setup failed. Values
   * may be CloudFormation placeholders (the stack name and region are only known at deploy time).
   */
  signal?: CfnSignalTarget;
}

interface CfnSignalTarget {
  stackName: string;
  resource: string;
  region: string;
}

/**
 * AWS's helper scripts (cfn-signal) are not on Ubuntu images: install them into their own venv (Ubuntu
 * 24.04's Python refuses system-wide pip installs). CreationPolicy signals are authenticated by the
 * instance itself; cfn-signal needs no credentials.
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/cfn-helper-scripts-reference.html
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/cfn-signal.html
 */
const CFN_BOOTSTRAP_URL =
  "https://s3.amazonaws.com/cloudformation-examples/aws-cfn-bootstrap-py3-latest.tar.gz";
const CFN_SIGNAL = "/opt/aws/cfn-bootstrap/bin/cfn-signal";

function signalSetup(target: CfnSignalTarget): string[] {
  return [
    "# CreationPolicy: tell CloudFormation whether setup worked; any failing command below fails the stack.",
    `retry apt-get ${APT_LOCK_WAIT} install -y python3-venv`,
    "python3 -m venv /opt/aws/cfn-bootstrap",
    `retry /opt/aws/cfn-bootstrap/bin/pip install --quiet ${CFN_BOOTSTRAP_URL}`,
    "signal() {",
    `  ${CFN_SIGNAL} --exit-code "$1" --stack '${target.stackName}' --resource '${target.resource}' --region '${target.region}'`,
    "}",
    "trap 'signal 1' ERR",
  ];
}

export function nginxConfForEc2(options: NginxUserDataOptions, withTls: boolean): NginxConfOptions {
  const live = options.domain ? `/etc/letsencrypt/live/${options.domain}` : "";
  return {
    upstream: { host: options.albDnsName, port: 80, resolver: VPC_DNS_RESOLVER },
    httpPort: 80,
    listenAddress: null,
    serverName: options.domain,
    tls: withTls
      ? { certificatePath: `${live}/fullchain.pem`, keyPath: `${live}/privkey.pem`, port: 443 }
      : null,
    acmeWebroot: EC2_ACME_WEBROOT,
    clientMaxBodySize: options.clientMaxBodySize ?? DEFAULT_CLIENT_MAX_BODY_SIZE,
    process: SYSTEMD_NGINX_PROCESS,
  };
}

// On first boot Ubuntu's unattended-upgrades may hold the dpkg lock for minutes: wait for it.
const APT_LOCK_WAIT = "-o DPkg::Lock::Timeout=300";

const RETRY_FUNCTION = [
  "# Package mirrors can be briefly unreachable while the instance's public address is attached.",
  "retry() {",
  "  local attempt=1",
  '  until "$@"; do',
  '    if [ "$attempt" -ge 30 ]; then return 1; fi',
  "    attempt=$((attempt + 1))",
  "    sleep 10",
  "  done",
  "}",
];

export function nginxUserData(options: NginxUserDataOptions): string {
  const certbot = Boolean(options.certbotEmail && options.domain);
  const lines = [
    "#!/bin/bash",
    "# Stackyard nginx edge: proxies to the internal load balancer. Rendered by @stackyard/templates.",
    "set -euo pipefail",
    "export DEBIAN_FRONTEND=noninteractive",
    ...RETRY_FUNCTION,
    "retry apt-get update",
    ...(options.signal ? signalSetup(options.signal) : []),
    `retry apt-get ${APT_LOCK_WAIT} install -y nginx${certbot ? " certbot" : ""}`,
    `install -d -m 0755 ${EC2_ACME_WEBROOT}`,
    ...heredoc("/etc/nginx/nginx.conf", renderNginxConf(nginxConfForEc2(options, false))),
    "rm -f /etc/nginx/sites-enabled/default",
    "nginx -t",
    "systemctl enable nginx",
    "systemctl restart nginx",
  ];
  if (certbot && options.domain && options.certbotEmail) {
    lines.push(...certificateSetup(options, options.domain, options.certbotEmail));
  }
  // nginx serves (the certificate may follow later: readiness reports it, the stack does not wait for it).
  if (options.signal) lines.push("", "trap - ERR", "signal 0");
  return `${lines.join("\n")}\n`;
}

function certificateSetup(options: NginxUserDataOptions, domain: string, email: string): string[] {
  return [
    "",
    "# HTTPS: the configuration nginx switches to once the certificate exists.",
    ...heredoc("/etc/nginx/nginx-tls.conf", renderNginxConf(nginxConfForEc2(options, true))),
    ...heredoc("/usr/local/sbin/stackyard-issue-certificate", issueCertificateScript(domain, email)),
    "chmod 0755 /usr/local/sbin/stackyard-issue-certificate",
    ...heredoc(
      "/etc/systemd/system/stackyard-certificate.service",
      "[Unit]\nDescription=Issue the Let's Encrypt certificate once DNS points here\n\n[Service]\nType=oneshot\nExecStart=/usr/local/sbin/stackyard-issue-certificate\n",
    ),
    ...heredoc(
      "/etc/systemd/system/stackyard-certificate.timer",
      "[Unit]\nDescription=Retry certificate issuance until it succeeds\n\n[Timer]\nOnBootSec=30s\nOnUnitActiveSec=2min\n\n[Install]\nWantedBy=timers.target\n",
    ),
    "systemctl daemon-reload",
    "systemctl enable --now stackyard-certificate.timer",
  ];
}

/**
 * Runs every two minutes until it succeeds. It asks Let's Encrypt only once the domain resolves to this
 * instance's public address: failed validations count against Let's Encrypt's rate limits.
 * Renewal is certbot's own timer; the deploy hook reloads nginx with the renewed certificate.
 */
export function issueCertificateScript(domain: string, email: string): string {
  return [
    "#!/bin/bash",
    "set -euo pipefail",
    `domain='${domain}'`,
    `email='${email}'`,
    'token=$(curl -sf -X PUT -H "X-aws-ec2-metadata-token-ttl-seconds: 60" http://169.254.169.254/latest/api/token)',
    'public_ip=$(curl -sf -H "X-aws-ec2-metadata-token: $token" http://169.254.169.254/latest/meta-data/public-ipv4)',
    'if ! getent ahostsv4 "$domain" | awk \'{print $1}\' | grep -qx "$public_ip"; then',
    '  echo "$domain does not resolve to $public_ip yet; will retry"',
    "  exit 0",
    "fi",
    'certbot certonly --webroot -w /var/www/letsencrypt -d "$domain" --email "$email" \\',
    "  --agree-tos --non-interactive --keep-until-expiring --deploy-hook 'systemctl reload nginx'",
    "cp /etc/nginx/nginx-tls.conf /etc/nginx/nginx.conf",
    "nginx -t",
    "systemctl reload nginx",
    "systemctl disable --now stackyard-certificate.timer",
    "",
  ].join("\n");
}

export function bastionUserData(access: "ssm" | "ssh"): string {
  return [
    "#!/bin/bash",
    "# Stackyard bastion: a MySQL client for reaching the database. Rendered by @stackyard/templates.",
    "set -euo pipefail",
    "export DEBIAN_FRONTEND=noninteractive",
    ...RETRY_FUNCTION,
    "retry apt-get update",
    `retry apt-get ${APT_LOCK_WAIT} install -y mysql-client`,
    ...heredoc(
      "/etc/motd",
      [
        `Stackyard bastion (${access === "ssm" ? "reached through SSM Session Manager" : "SSH"}).`,
        "Database: mysql -h <DbEndpoint output> -u notes_admin -p",
        "Password: aws secretsmanager get-secret-value --secret-id <DbSecretArn output>",
        "",
      ].join("\n"),
    ),
    "",
  ].join("\n");
}

/** Writes a file with a quoted heredoc, so nothing in it is expanded by the shell. */
function heredoc(path: string, content: string): string[] {
  const marker = "STACKYARD_EOF";
  if (content.includes(marker)) throw new Error(`file content for ${path} contains the heredoc marker`);
  const body = content.endsWith("\n") ? content.slice(0, -1) : content;
  return [`cat > ${path} <<'${marker}'`, body, marker];
}

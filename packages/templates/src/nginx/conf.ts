// nginx.conf for the edge proxy. One renderer for both places it runs: on the EC2 instance (system
// nginx under systemd, upstream = the internal ALB's DNS name) and in the local sandbox (a private nginx
// in a prefix dir, upstream = notes-api processes on loopback ports). Only the inputs differ.

export type NginxUpstream =
  /** Fixed servers ("127.0.0.1:5301"), e.g. local notes-api processes. */
  | { servers: string[] }
  /**
   * A DNS name re-resolved every `resolverValidSeconds`: the internal ALB's addresses change over time, and
   * a name in proxy_pass would be resolved once at startup. `resolver` is the VPC DNS server.
   */
  | { host: string; port: number; resolver: string; resolverValidSeconds?: number };

export interface NginxTls {
  certificatePath: string;
  keyPath: string;
  /** 443 on EC2; another port for a local test. */
  port: number;
}

export interface NginxProcess {
  /** true for a private nginx run in the foreground (`daemon off`); false under systemd, which sets it. */
  foreground: boolean;
  /**
   * Worker user when the master runs as root. Ubuntu's package owns /var/lib/nginx (request-body temp
   * files) as www-data: without this the workers run as nobody and large request bodies fail.
   * null leaves nginx's default (nobody), which the private nginx's own temp dirs are created for.
   */
  user: string | null;
  /** Paths may be relative: nginx resolves them against its prefix (-p). */
  pidPath: string;
  errorLogPath: string;
  accessLogPath: string;
  /** Directory for client_body/proxy/... temp files; null keeps the compiled-in defaults. */
  tempDir: string | null;
}

export interface NginxConfOptions {
  upstream: NginxUpstream;
  /** Plain-HTTP port: serves the app (no TLS) or ACME challenges and the redirect to HTTPS. */
  httpPort: number;
  /** Address to bind, e.g. 127.0.0.1 locally; null binds every interface. */
  listenAddress: string | null;
  serverName: string | null;
  tls: NginxTls | null;
  /** Directory served under /.well-known/acme-challenge/ for Let's Encrypt HTTP-01 validation. */
  acmeWebroot: string;
  /** Largest request body accepted; larger ones get 413 before reaching the app. */
  clientMaxBodySize: string;
  process: NginxProcess;
}

/** Ubuntu's packaged nginx under systemd (the unit passes `daemon on`, so the config must not). */
export const SYSTEMD_NGINX_PROCESS: NginxProcess = {
  foreground: false,
  user: "www-data",
  pidPath: "/run/nginx.pid",
  errorLogPath: "/var/log/nginx/error.log",
  accessLogPath: "/var/log/nginx/access.log",
  tempDir: null,
};

/** A private nginx run as `nginx -p PREFIX -c CONF`: everything it writes stays under PREFIX. */
export const PRIVATE_NGINX_PROCESS: NginxProcess = {
  foreground: true,
  user: null,
  pidPath: "nginx.pid",
  errorLogPath: "logs/error.log",
  accessLogPath: "logs/access.log",
  tempDir: "temp",
};

export const EC2_ACME_WEBROOT = "/var/www/letsencrypt";
export const DEFAULT_CLIENT_MAX_BODY_SIZE = "1m";
const UPSTREAM_GROUP = "notes_api";

/**
 * Marks every response nginx sends (proxied, redirects, ACME, its own 413/502/504), so the portal's
 * readiness probe can tell "nginx answered" from "something else on that address answered" and, on a 502,
 * that the failing hop is behind nginx. `always` makes nginx add it to error responses too. A location with
 * its own add_header would drop the server's: none of ours has one; keep it that way or repeat this there.
 */
export const PROXY_MARKER_HEADER = "X-Stackyard-Proxy";
const PROXY_MARKER = `add_header ${PROXY_MARKER_HEADER} nginx always;`;

/**
 * The browser's scheme, as nginx saw it. Behind nginx sits the internal ALB, which sets X-Forwarded-Proto
 * to the scheme of its own listener (http) whatever nginx sent, but passes other headers on untouched; so
 * nginx states the scheme in this header too (overwriting any client's copy), and notes-api reads it
 * (PROXY_PROTO_HEADER) from its trusted proxies.
 * https://docs.aws.amazon.com/elasticloadbalancing/latest/application/x-forwarded-headers.html#x-forwarded-proto
 */
export const SCHEME_HEADER = "X-Stackyard-Proto";

export function renderNginxConf(options: NginxConfOptions): string {
  const { process: proc } = options;
  const lines = [
    "# Rendered by @stackyard/templates (renderNginxConf). Edits are overwritten on the next deploy.",
    ...(proc.foreground ? ["daemon off;"] : []),
    ...(proc.user ? [`user ${proc.user};`] : []),
    "worker_processes auto;",
    `pid ${proc.pidPath};`,
    `error_log ${proc.errorLogPath} warn;`,
    "",
    "events {",
    "  worker_connections 1024;",
    "}",
    "",
    "http {",
    ...indent(httpSettings(options)),
    "",
    ...indent(upstreamBlock(options.upstream)),
    "",
    ...indent(httpServer(options)),
    ...(options.tls ? ["", ...indent(httpsServer(options, options.tls))] : []),
    "}",
  ];
  return `${lines.join("\n")}\n`;
}

function httpSettings({ process: proc, clientMaxBodySize }: NginxConfOptions): string[] {
  const temp = proc.tempDir
    ? ["client_body", "proxy", "fastcgi", "uwsgi", "scgi"].map(
        (kind) => `${kind}_temp_path ${proc.tempDir}/${kind};`,
      )
    : [];
  return [
    "log_format stackyard '$remote_addr [$time_local] \"$request\" $status $body_bytes_sent '",
    "                     '$request_time $upstream_status \"$http_user_agent\"';",
    `access_log ${proc.accessLogPath} stackyard;`,
    ...temp,
    "default_type application/octet-stream;",
    "server_tokens off;",
    "sendfile on;",
    "keepalive_timeout 65s;",
    `client_max_body_size ${clientMaxBodySize};`,
    // The Host the browser sent, port included ($host drops it): the app compares it with Origin, and on a
    // non-default port (the local sandbox) the two only match with the port. $host when a client sent none.
    // https://nginx.org/en/docs/http/ngx_http_core_module.html#var_host
    "map $http_host $stackyard_host {",
    '  "" $host;',
    "  default $http_host;",
    "}",
  ];
}

function upstreamBlock(upstream: NginxUpstream): string[] {
  if ("servers" in upstream) {
    return [
      `upstream ${UPSTREAM_GROUP} {`,
      ...upstream.servers.map((server) => `  server ${server} max_fails=1 fail_timeout=5s;`),
      "  keepalive 16;",
      "}",
    ];
  }
  return [`resolver ${upstream.resolver} valid=${upstream.resolverValidSeconds ?? 30}s ipv6=off;`];
}

function upstreamTarget(upstream: NginxUpstream): string {
  return "servers" in upstream ? UPSTREAM_GROUP : `${upstream.host}:${upstream.port}`;
}

function listen(options: NginxConfOptions, port: number, extra = ""): string {
  const address = options.listenAddress ? `${options.listenAddress}:${port}` : `${port}`;
  return `listen ${address}${extra} default_server;`;
}

function httpServer(options: NginxConfOptions): string[] {
  const { tls } = options;
  const httpsPort = tls && tls.port !== 443 ? `:${tls.port}` : "";
  const main = tls
    ? ["location / {", `  return 301 https://$host${httpsPort}$request_uri;`, "}"]
    : proxyLocation(options);
  return [
    "server {",
    `  ${listen(options, options.httpPort)}`,
    `  server_name ${options.serverName ?? "_"};`,
    `  ${PROXY_MARKER}`,
    "",
    "  # Let's Encrypt HTTP-01 challenges: served over plain HTTP even when everything else redirects.",
    "  location ^~ /.well-known/acme-challenge/ {",
    `    root ${options.acmeWebroot};`,
    "    default_type text/plain;",
    "    try_files $uri =404;",
    "  }",
    "",
    ...indent(main),
    "}",
  ];
}

function httpsServer(options: NginxConfOptions, tls: NginxTls): string[] {
  return [
    "server {",
    `  ${listen(options, tls.port, " ssl http2")}`,
    `  server_name ${options.serverName ?? "_"};`,
    `  ssl_certificate ${tls.certificatePath};`,
    `  ssl_certificate_key ${tls.keyPath};`,
    "  ssl_protocols TLSv1.2 TLSv1.3;",
    "  ssl_prefer_server_ciphers off;",
    "  ssl_session_cache shared:stackyard_tls:10m;",
    "  ssl_session_timeout 1d;",
    '  add_header Strict-Transport-Security "max-age=31536000" always;',
    `  ${PROXY_MARKER}`,
    "",
    ...indent(proxyLocation(options)),
    "}",
  ];
}

function proxyLocation(options: NginxConfOptions): string[] {
  return [
    "location / {",
    // A variable in proxy_pass makes nginx look the name up per request (through `resolver`) instead of
    // once at startup; when it names the upstream group, the group is used as is.
    `  set $notes_upstream ${upstreamTarget(options.upstream)};`,
    "  proxy_pass http://$notes_upstream;",
    "  proxy_http_version 1.1;",
    '  proxy_set_header Connection "";',
    "  proxy_set_header Host $stackyard_host;",
    // nginx is the edge: overwrite, never append to, client-supplied forwarding headers.
    "  proxy_set_header X-Real-IP $remote_addr;",
    "  proxy_set_header X-Forwarded-For $remote_addr;",
    "  proxy_set_header X-Forwarded-Proto $scheme;",
    `  proxy_set_header ${SCHEME_HEADER} $scheme;`,
    "  proxy_set_header X-Forwarded-Host $stackyard_host;",
    // Only nginx may claim to be nginx: an upstream's copy would make a bypassed hop look healthy.
    `  proxy_hide_header ${PROXY_MARKER_HEADER};`,
    // Server-sent events must reach the browser as they are written, not when a buffer fills.
    "  proxy_buffering off;",
    "  proxy_read_timeout 300s;",
    "  proxy_connect_timeout 5s;",
    "}",
  ];
}

function indent(lines: string[]): string[] {
  return lines.map((line) => (line === "" ? "" : `  ${line}`));
}

import type { NextConfig } from "next";

// Sent with every response. Next's App Router streams inline <script> chunks, so scripts need
// 'unsafe-inline' (nonces would make every page dynamic); everything else is same-origin only, and no
// site may frame the portal (clickjacking). Development adds 'unsafe-eval' for React's dev tooling.
const development = process.env.NODE_ENV === "development";
const contentSecurityPolicy = [
  "default-src 'self'",
  `script-src 'self' 'unsafe-inline'${development ? " 'unsafe-eval'" : ""}`,
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

const securityHeaders = [
  { key: "Content-Security-Policy", value: contentSecurityPolicy },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
];

const config: NextConfig = {
  // npm test builds into its own folder, so it can run while npm start serves the usual build.
  distDir: process.env.STACKYARD_NEXT_DIST_DIR || ".next",
  poweredByHeader: false,
  reactStrictMode: true,
  // Prisma's runtime and the MariaDB driver stay plain Node modules on the server (not bundled).
  serverExternalPackages: [
    "@stackyard/db",
    "@stackyard/deploy",
    "@prisma/client",
    "@prisma/adapter-mariadb",
    "mariadb",
  ],
  transpilePackages: ["@stackyard/templates"],
  async headers() {
    return [{ source: "/:path*", headers: securityHeaders }];
  },
};

export default config;

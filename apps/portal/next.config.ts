import type { NextConfig } from "next";

const config: NextConfig = {
  // npm test builds into its own folder, so it can run while npm start serves the usual build.
  distDir: process.env.STACKYARD_NEXT_DIST_DIR || ".next",
  poweredByHeader: false,
  reactStrictMode: true,
  // Prisma's runtime and the MariaDB driver stay plain Node modules on the server (not bundled).
  serverExternalPackages: ["@stackyard/db", "@prisma/client", "@prisma/adapter-mariadb", "mariadb"],
  transpilePackages: ["@stackyard/templates"],
};

export default config;

import type { NextConfig } from "next";

const config: NextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  // Prisma's runtime and the MariaDB driver stay plain Node modules on the server (not bundled).
  serverExternalPackages: ["@stackyard/db", "@prisma/client", "@prisma/adapter-mariadb", "mariadb"],
  transpilePackages: ["@stackyard/templates"],
};

export default config;

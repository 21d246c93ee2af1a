// Prisma 7 reads the datasource URL from here, not from schema.prisma. Only the CLI uses this file;
// the app connects through the MariaDB driver adapter (src/client.ts).
import { defineConfig } from "prisma/config";

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "mysql://unset@127.0.0.1:3307/stackyard" },
});

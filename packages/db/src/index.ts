// The portal's entry point: client and types only. The migration runner is a separate entry
// (@stackyard/db/migrate) so bundlers never pull filesystem code into the app.
export { type ClientOptions, createPrismaClient, getPrismaClient } from "./client.js";
export { type DatabaseConfig, DatabaseUrlError, parseDatabaseUrl } from "./database-url.js";
export * from "./generated/prisma/client.js";

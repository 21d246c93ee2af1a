export { type ClientOptions, createPrismaClient, getPrismaClient } from "./client.js";
export { type DatabaseConfig, DatabaseUrlError, parseDatabaseUrl } from "./database-url.js";
export * from "./generated/prisma/client.js";
export { type MigrateOptions, type MigrateResult, MigrationError, migrate } from "./migrate.js";
export { defaultMigrationsDir, type Migration, readMigrations } from "./migrations.js";

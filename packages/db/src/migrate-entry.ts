export { type MigrateOptions, type MigrateResult, MigrationError, migrate } from "./migrate.js";
export { defaultMigrationsDir, type Migration, readMigrations } from "./migrations.js";

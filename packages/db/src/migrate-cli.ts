// `npm run migrate`: applies the portal's pending migrations to DATABASE_URL.
import { DatabaseUrlError } from "./database-url.js";
import { MigrationError, migrate } from "./migrate.js";

try {
  const result = await migrate();
  const summary = result.applied.length
    ? `applied ${result.applied.length} migration(s): ${result.applied.join(", ")}`
    : "database is up to date";
  console.log(`portal database: ${summary} (${result.alreadyApplied.length} already applied)`);
} catch (error) {
  if (error instanceof DatabaseUrlError || error instanceof MigrationError) {
    console.error(`migrate: ${error.message}`);
    process.exit(2);
  }
  console.error("migrate: could not reach the database:", error instanceof Error ? error.message : error);
  process.exit(1);
}

import { PrismaMariaDb } from "@prisma/adapter-mariadb";
import { parseDatabaseUrl } from "./database-url.js";
import { PrismaClient } from "./generated/prisma/client.js";

export interface ClientOptions {
  /** Defaults to process.env.DATABASE_URL. */
  databaseUrl?: string;
  /** Pool size per process; small, since several portal replicas share one database. */
  connectionLimit?: number;
}

/** A Prisma client over the MariaDB driver adapter (no native query engine involved). */
export function createPrismaClient(options: ClientOptions = {}): PrismaClient {
  const config = parseDatabaseUrl(options.databaseUrl ?? process.env.DATABASE_URL);
  const adapter = new PrismaMariaDb({
    ...config,
    connectionLimit: options.connectionLimit ?? 10,
    connectTimeout: 5_000,
  });
  return new PrismaClient({ adapter });
}

const globalForPrisma = globalThis as unknown as { stackyardPrisma?: PrismaClient };

/** One client per process (survives Next.js dev reloads, which re-evaluate modules). */
export function getPrismaClient(): PrismaClient {
  globalForPrisma.stackyardPrisma ??= createPrismaClient();
  return globalForPrisma.stackyardPrisma;
}

// For integration tests of the HTTP path: requests to the real tRPC endpoint (superjson, status codes,
// headers) with a given database and user, as the portal's own pages send them.
import type { PrismaClient } from "@stackyard/db";
import type { SessionUser } from "../trpc";
import { handleTrpcRequest } from "./trpc-handler";

export const PORTAL = "http://127.0.0.1:3000";

export interface Client {
  mutate(path: string, input: unknown, headers?: Record<string, string>): Promise<Response>;
  query(path: string, input?: unknown): Promise<Response>;
}

export function httpClient(prisma: PrismaClient, user: SessionUser | null): Client {
  const send = (request: Request) =>
    handleTrpcRequest(request, async ({ req, resHeaders }) => ({ prisma, request: req, resHeaders, user }));
  return {
    mutate: (path, input, headers = {}) =>
      send(
        new Request(`${PORTAL}/api/trpc/${path}`, {
          method: "POST",
          headers: { host: "127.0.0.1:3000", origin: PORTAL, "content-type": "application/json", ...headers },
          body: typeof input === "string" ? input : JSON.stringify({ json: input }),
        }),
      ),
    query: (path, input) => {
      const search =
        input === undefined ? "" : `?input=${encodeURIComponent(JSON.stringify({ json: input }))}`;
      return send(
        new Request(`${PORTAL}/api/trpc/${path}${search}`, { headers: { host: "127.0.0.1:3000" } }),
      );
    },
  };
}

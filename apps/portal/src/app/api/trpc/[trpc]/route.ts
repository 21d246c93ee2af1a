import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { appRouter } from "@/server/routers/_app";
import { createContext } from "@/server/trpc";

// Prisma and the database driver need Node, and every answer is live data.
export const runtime = "nodejs";
export const dynamic = "force-dynamic";

function handler(request: Request) {
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req: request,
    router: appRouter,
    createContext,
    onError({ path, error }) {
      if (error.code === "INTERNAL_SERVER_ERROR") {
        console.error(
          JSON.stringify({ level: "error", msg: "trpc error", path, cause: String(error.cause ?? error) }),
        );
      }
    },
  });
}

export { handler as GET, handler as POST };

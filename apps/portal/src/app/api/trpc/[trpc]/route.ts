import { handleTrpcRequest } from "@/server/http/trpc-handler";
import { createContext } from "@/server/trpc";

// Prisma and the database driver need Node, and every answer is live data.
export const runtime = "nodejs";
export const dynamic = "force-dynamic";

function handler(request: Request) {
  return handleTrpcRequest(request, createContext);
}

export { handler as GET, handler as POST };

// Runs once when the portal's server starts: stamp each request with its socket's address and scheme
// (see server/http/socket-peer.ts), and resume tracking the operations that were running when the
// previous process stopped, before any browser asks; and, while nobody has an account yet, write the
// one-time setup token (auth/setup-token.ts) that `npm start` prints.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const http = await import("node:http");
  const https = await import("node:https");
  const { installPeerStamp } = await import("./server/http/socket-peer");
  installPeerStamp(http.Server);
  installPeerStamp(https.Server);
  const { getDeployEngine } = await import("./server/deploy-engine");
  getDeployEngine();
  const { getPrismaClient } = await import("@stackyard/db");
  const { ensureSetupToken } = await import("./server/auth/setup-token");
  // The setup page writes it too: a database that is not up yet must not stop the portal from starting.
  const { errorText, logger } = await import("./server/logger");
  await ensureSetupToken(getPrismaClient()).catch((error: unknown) => {
    logger.warn({ cause: errorText(error) }, "setup token not written");
  });
}

// Runs once when the portal's server starts: stamp each request with its socket's address and scheme
// (see server/http/socket-peer.ts), and resume tracking the operations that were running when the
// previous process stopped, before any browser asks.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const http = await import("node:http");
  const https = await import("node:https");
  const { installPeerStamp } = await import("./server/http/socket-peer");
  installPeerStamp(http.Server);
  installPeerStamp(https.Server);
  const { getDeployEngine } = await import("./server/deploy");
  getDeployEngine();
}

// Runs once when the portal's server starts: resume tracking the operations that were running when
// the previous process stopped, before any browser asks.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { getDeployEngine } = await import("./server/deploy");
  getDeployEngine();
}

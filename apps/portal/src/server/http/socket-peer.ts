// Route handlers see headers, never the socket. `next start` copies the socket's address into
// X-Forwarded-For (and derives the URL's scheme from X-Forwarded-Proto) only when the client did not
// send those headers itself, so a client chooses both. The portal's server process therefore stamps
// every request, before Next.js sees it, with the socket's own address and scheme (installed from
// instrumentation.ts), overwriting whatever the client sent under that name. The stamp carries a
// random per-process key, so a request that reached Next.js unstamped (e.g. before the hook was
// installed) cannot pass a forged one off as ours: it simply has no known peer.
import "server-only";
import { randomBytes } from "node:crypto";
import type { IncomingMessage, Server } from "node:http";
import type { TLSSocket } from "node:tls";

export const PEER_HEADER = "x-stackyard-peer";

export interface SocketPeer {
  address: string;
  scheme: "http" | "https";
}

const KEY_SLOT = Symbol.for("stackyard.socketPeerKey");
type Slot = { [KEY_SLOT]?: string };

function processKey(): string {
  const slot = globalThis as Slot;
  slot[KEY_SLOT] ??= randomBytes(16).toString("hex");
  return slot[KEY_SLOT];
}

export function peerStamp(peer: SocketPeer): string {
  return `${processKey()} ${peer.scheme} ${peer.address}`;
}

function stampRequest(request: IncomingMessage): void {
  const socket = request.socket as Partial<TLSSocket> | undefined;
  const address = socket?.remoteAddress;
  if (address) {
    request.headers[PEER_HEADER] = peerStamp({ address, scheme: socket?.encrypted ? "https" : "http" });
  } else {
    delete request.headers[PEER_HEADER];
  }
}

/** The socket's peer as stamped by this process, or null (unstamped, or stamped by someone else). */
export function socketPeer(headers: Headers): SocketPeer | null {
  const [key, scheme, address] = (headers.get(PEER_HEADER) ?? "").split(" ");
  if (key !== processKey() || !address || (scheme !== "http" && scheme !== "https")) return null;
  return { address, scheme };
}

const INSTALLED = Symbol.for("stackyard.socketPeerInstalled");

/** Wraps a server class's emit so every "request" is stamped before any listener (Next.js) runs. */
export function installPeerStamp(serverClass: { prototype: Server }): void {
  const prototype = serverClass.prototype as Server & { [INSTALLED]?: boolean };
  if (prototype[INSTALLED]) return;
  const emit = prototype.emit;
  prototype.emit = function stampingEmit(this: Server, event: string | symbol, ...args: unknown[]) {
    if (event === "request") stampRequest(args[0] as IncomingMessage);
    return Reflect.apply(emit, this, [event, ...args]);
  } as Server["emit"];
  prototype[INSTALLED] = true;
}

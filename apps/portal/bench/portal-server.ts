// The portal's tRPC API over real HTTP, in this process: the same fetch handler, router and context as
// src/app/api/trpc/[trpc]/route.ts, served by node:http instead of Next.js (Next adds routing in front of
// the same handler, not a different code path). Extra routers, such as the benchmark's peer, are served
// beside it under their own prefix.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";
import type { AnyTRPCRouter } from "@trpc/server";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { createContext } from "../src/server/trpc";

export interface Mount {
  endpoint: string;
  router: AnyTRPCRouter;
}

export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

function toFetchRequest(req: IncomingMessage, origin: string, signal: AbortSignal): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (typeof value === "string") headers.set(name, value);
    else if (Array.isArray(value)) for (const v of value) headers.append(name, v);
  }
  const hasBody = req.method !== "GET" && req.method !== "HEAD";
  return new Request(new URL(req.url ?? "/", origin), {
    method: req.method,
    headers,
    signal,
    ...(hasBody ? { body: Readable.toWeb(req) as ReadableStream, duplex: "half" } : {}),
  } as RequestInit);
}

async function writeResponse(response: Response, res: ServerResponse): Promise<void> {
  res.writeHead(response.status, Object.fromEntries(response.headers));
  if (!response.body) return void res.end();
  // Server-sent events must leave as they are produced: write each chunk, never buffer the stream.
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) res.write(chunk);
  res.end();
}

export async function startPortalServer(mounts: Mount[]): Promise<RunningServer> {
  const sockets = new Set<import("node:net").Socket>();
  const server: Server = createServer((req, res) => {
    const mount = mounts.find((m) => req.url?.startsWith(`${m.endpoint}/`));
    if (!mount) return void res.writeHead(404).end();
    const aborted = new AbortController();
    res.on("close", () => aborted.abort());
    const request = toFetchRequest(req, `http://${req.headers.host}`, aborted.signal);
    fetchRequestHandler({ endpoint: mount.endpoint, req: request, router: mount.router, createContext })
      .then((response) => writeResponse(response, res))
      .catch((error: unknown) => {
        if (!aborted.signal.aborted) console.error(`bench server: ${String(error)}`);
        res.destroy();
      });
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

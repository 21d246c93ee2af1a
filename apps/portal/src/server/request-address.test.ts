// Issue 13, item 3: without TRUST_PROXY a client's X-Forwarded-For and X-Forwarded-Proto are ignored
// (the socket's address and scheme count); with it, the right-most untrusted entry is the client.
import { request as httpRequest, Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { servedOverHttps } from "./auth/session-cookie";
import { installPeerStamp, PEER_HEADER, peerStamp, socketPeer } from "./http/socket-peer";
import { parseTrustProxy } from "./http/trusted-proxy";
import { clientAddress, requestScheme } from "./request-address";

/** A request as Next.js hands it over: the socket stamp, plus whatever headers the client chose. */
function arriving(peer: string, headers: Record<string, string> = {}, url = "http://127.0.0.1:3000/x") {
  return new Request(url, {
    headers: { ...headers, [PEER_HEADER]: peerStamp({ address: peer, scheme: "http" }) },
  });
}

const NO_PROXY = parseTrustProxy(undefined);

describe("without TRUST_PROXY", () => {
  it("takes the socket's address, not the client's X-Forwarded-For", () => {
    const forged = arriving("203.0.113.7", { "x-forwarded-for": "6.6.6.6" });
    expect(clientAddress(forged, NO_PROXY)).toBe("203.0.113.7");
    expect(clientAddress(arriving("::ffff:203.0.113.7"), NO_PROXY)).toBe("203.0.113.7");
  });

  it("serves the plain cookie to a client that claims https over plain HTTP", () => {
    // Next.js builds the request URL's scheme from the client's X-Forwarded-Proto.
    const claim = arriving("203.0.113.7", { "x-forwarded-proto": "https" }, "https://127.0.0.1:3000/x");
    expect(servedOverHttps(claim)).toBe(false);
  });

  it("trusts no stamp it did not make: a forged or missing one means an unknown address", () => {
    const forged = new Request("http://127.0.0.1:3000/x", {
      headers: { [PEER_HEADER]: "0123 https 6.6.6.6", "x-forwarded-for": "6.6.6.6" },
    });
    expect(clientAddress(forged, NO_PROXY)).toBeNull();
    expect(requestScheme(forged, NO_PROXY)).toBe("http");
  });
});

describe("with TRUST_PROXY", () => {
  it("as a hop count, takes the entry the outermost trusted proxy appended", () => {
    const viaOne = arriving("10.0.0.2", { "x-forwarded-for": "6.6.6.6, 203.0.113.7" });
    expect(clientAddress(viaOne, parseTrustProxy("1"))).toBe("203.0.113.7");
    expect(clientAddress(viaOne, parseTrustProxy("2"))).toBe("6.6.6.6");
    expect(clientAddress(viaOne, parseTrustProxy("true"))).toBe("203.0.113.7");
  });

  it("as a CIDR list, takes the right-most entry outside it", () => {
    const viaTwo = arriving("10.0.0.2", { "x-forwarded-for": "6.6.6.6, 203.0.113.7, 10.0.1.9" });
    expect(clientAddress(viaTwo, parseTrustProxy("10.0.0.0/16, 127.0.0.1"))).toBe("203.0.113.7");
    // The socket's peer is not a listed proxy: it is the client, whatever the header says.
    const direct = arriving("198.51.100.4", { "x-forwarded-for": "6.6.6.6" });
    expect(clientAddress(direct, parseTrustProxy("10.0.0.0/16"))).toBe("198.51.100.4");
  });

  it("believes X-Forwarded-Proto only from a trusted proxy", () => {
    const fromProxy = arriving("10.0.0.2", { "x-forwarded-proto": "https" });
    expect(requestScheme(fromProxy, parseTrustProxy("10.0.0.0/16"))).toBe("https");
    const fromClient = arriving("198.51.100.4", { "x-forwarded-proto": "https" });
    expect(requestScheme(fromClient, parseTrustProxy("10.0.0.0/16"))).toBe("http");
  });

  it("refuses a setting it cannot read", () => {
    expect(() => parseTrustProxy("proxy.example")).toThrow(/TRUST_PROXY/);
  });
});

describe("the socket stamp", () => {
  let server: Server | undefined;
  afterEach(() => server?.close());

  it("overwrites what a client sends under its name with the socket's real address", async () => {
    class StampedServer extends Server {}
    installPeerStamp(StampedServer);
    let seen: string | undefined;
    server = new StampedServer((req, res) => {
      seen = req.headers[PEER_HEADER] as string;
      res.end();
    });
    await new Promise<void>((resolve) => server?.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    await new Promise<void>((resolve, reject) => {
      const req = httpRequest(
        { port, host: "127.0.0.1", headers: { [PEER_HEADER]: "forged https 6.6.6.6" } },
        (res) => {
          res.resume();
          res.on("end", resolve);
        },
      );
      req.on("error", reject);
      req.end();
    });
    expect(socketPeer(new Headers({ [PEER_HEADER]: seen ?? "" }))).toEqual({
      address: "127.0.0.1",
      scheme: "http",
    });
  });
});

// Serves public/ (stylesheet, icon). Pages link the content-hashed URL, cached for a year; the plain name
// and another release's hash answer with the current file but make the browser revalidate: during a
// rolling deploy a page from a new task can ask an old task for the new hash, and must not pin old CSS
// under the new name for a year.
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { HttpError } from "../http-error.js";
import { ASSETS, FAVICON, type StaticAsset } from "../views/assets.js";

const IMMUTABLE = "public, max-age=31536000, immutable";
const REVALIDATE = "no-cache";

interface Match {
  asset: StaticAsset;
  cacheControl: string;
}

function hashedNamePattern(asset: StaticAsset): RegExp {
  return new RegExp(`^${asset.stem}\\.[0-9a-f]{12}\\.${asset.ext}$`);
}

const EXACT = new Map<string, Match>();
for (const asset of ASSETS) {
  EXACT.set(asset.url.slice("/static/".length), { asset, cacheControl: IMMUTABLE });
  EXACT.set(asset.plainUrl.slice("/static/".length), { asset, cacheControl: REVALIDATE });
}
const OTHER_RELEASES = ASSETS.map((asset) => ({ asset, pattern: hashedNamePattern(asset) }));

function lookup(file: string): Match | undefined {
  const exact = EXACT.get(file);
  if (exact) return exact;
  const other = OTHER_RELEASES.find(({ pattern }) => pattern.test(file));
  return other && { asset: other.asset, cacheControl: REVALIDATE };
}

function sendAsset(request: FastifyRequest, reply: FastifyReply, { asset, cacheControl }: Match) {
  reply.header("cache-control", cacheControl).header("etag", asset.etag);
  if (request.headers["if-none-match"] === asset.etag) return reply.code(304).send();
  return reply.type(asset.contentType).send(asset.body);
}

export function registerStaticAssets(app: FastifyInstance): void {
  app.get("/static/:file", async (request, reply) => {
    const { file } = request.params as { file: string };
    const match = lookup(file);
    if (!match) throw new HttpError(404, `Nothing here at ${request.method} /static/${file}`);
    return sendAsset(request, reply, match);
  });
  // Browsers ask for /favicon.ico on pages without an icon link (e.g. a JSON response opened in a tab).
  app.get("/favicon.ico", async (_request, reply) =>
    reply.header("cache-control", "public, max-age=86400").redirect(FAVICON.url, 301),
  );
}

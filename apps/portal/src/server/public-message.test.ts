import { DeployError } from "@stackyard/deploy";
import { initTRPC, TRPCError } from "@trpc/server";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { describe, expect, it } from "vitest";
import { formatError } from "./field-errors";
import { publicMessage, UNEXPECTED_ERROR_MESSAGE, UNREADABLE_REQUEST_MESSAGE } from "./public-message";

describe("publicMessage", () => {
  it("keeps the refusals we wrote", () => {
    expect(publicMessage(new TRPCError({ code: "CONFLICT", message: "name taken" }))).toBe("name taken");
    const written = new TRPCError({
      code: "INTERNAL_SERVER_ERROR",
      message: "The portal database is unreachable",
      cause: new Error("connect ECONNREFUSED 127.0.0.1:3317"),
    });
    expect(publicMessage(written)).toBe("The portal database is unreachable");
    const deploy = new DeployError("NO_CREDENTIALS", "No AWS credentials were found");
    expect(publicMessage(new TRPCError({ code: "INTERNAL_SERVER_ERROR", cause: deploy }))).toBe(
      "No AWS credentials were found",
    );
  });
});

// The real path: a procedure throws something unexpected, tRPC wraps it, the formatter answers.
const t = initTRPC.create({ errorFormatter: formatError });
const router = t.router({
  leaks: t.procedure.query(() => {
    throw new Error(
      "Invalid `prisma.updatePlan.updateMany()` invocation: Table 'stackyard.update_plans' doesn't exist",
    );
  }),
  refuses: t.procedure.query(() => {
    throw new TRPCError({ code: "PRECONDITION_FAILED", message: "The environment is not live" });
  }),
});

async function answer(path: string) {
  const response = await fetchRequestHandler({
    endpoint: "/api/trpc",
    req: new Request(`http://portal.test/api/trpc/${path}`),
    router,
    createContext: () => ({}),
  });
  return (await response.json()) as { error: { message: string } };
}

it("never sends an unexpected error's own text to the browser", async () => {
  const leaked = await answer("leaks");
  expect(leaked.error.message).toBe(UNEXPECTED_ERROR_MESSAGE);
  expect(JSON.stringify(leaked)).not.toContain("prisma");
  expect((await answer("refuses")).error.message).toBe("The environment is not live");
});

describe("a request tRPC cannot read", () => {
  const SIGN_IN = "http://127.0.0.1:3000/api/trpc/auth.signIn";
  const HEADERS = {
    host: "127.0.0.1:3000",
    origin: "http://127.0.0.1:3000",
    "content-type": "application/json",
  };
  async function post(body: string) {
    const { handleTrpcRequest } = await import("./http/trpc-handler");
    let contexts = 0;
    const response = await handleTrpcRequest(
      new Request(SIGN_IN, { method: "POST", headers: HEADERS, body }),
      async () => {
        contexts += 1;
        return { prisma: {} as never, user: null };
      },
    );
    const text = await response.text();
    return { status: response.status, text, contexts };
  }

  it("answers a generic 400, not the runtime's words, for deeply nested input", async () => {
    const depth = 20_000;
    const nested = `${"[".repeat(depth)}${"]".repeat(depth)}`;
    for (const body of [
      `{"json":{"email":"a@example.test","password":"x","deep":${nested}}}`,
      `{"json":{"email":"a@example.test","password":"x"},"meta":{"values":{"deep":${nested}}}}`,
    ]) {
      const answer = await post(body);
      expect(answer.status).toBe(400);
      expect(answer.text).not.toMatch(/call stack/i);
      expect(JSON.parse(answer.text).error.json.message).toBe(UNREADABLE_REQUEST_MESSAGE);
    }
  });

  it("does not echo the JSON parser's message either, but keeps our validation messages", async () => {
    const broken = await post('{"json": {"email": ');
    expect(broken.status).toBe(400);
    expect(JSON.parse(broken.text).error.json.message).toBe(UNREADABLE_REQUEST_MESSAGE);
    const invalid = await post('{"json":{"email":"not an address","password":"x"}}');
    expect(invalid.status).toBe(400);
    expect(JSON.parse(invalid.text).error.json.data.fieldErrors).toEqual([
      { path: "email", message: "must be an e-mail address" },
    ]);
  });
});

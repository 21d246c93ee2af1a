// A portal API process for client tests (the CLI's, apps/cli): the real tRPC handler and context
// resolution (API tokens included) and the real deploy engine, on a database the caller migrated, over
// real HTTP on an ephemeral port. By default the target is scripted: a stack goes *_IN_PROGRESS, then
// *_COMPLETE after a few polls (or CREATE_FAILED → ROLLBACK_COMPLETE for a stack whose name contains
// "fail"); with STACKYARD_API_TARGET=sandbox it is the portal's own drivers (the real local sandbox, in
// STACKYARD_DATA_DIR). Run with tsx; prints one JSON line {url, token, revokedToken} once listening.
//   DATABASE_URL=… [STACKYARD_API_TARGET=sandbox] tsx --conditions=react-server apps/portal/src/server/http/api-server.test-helpers.ts
import { randomUUID } from "node:crypto";
import { createServer } from "node:http";
import { createPrismaClient } from "@stackyard/db";
import type {
  AnyStatus,
  DeployDriver,
  StackDescription,
  StackEventRecord,
  StackLocator,
  StackStatus,
} from "@stackyard/deploy";
import { DeployEngine, stackNameOf } from "@stackyard/deploy";
import { createApiToken, revokeApiToken } from "../auth/api-tokens";
import { createTestUser } from "../auth/test-users.test-helpers";
import { driverFor } from "../deploy-drivers";
import { userForRequest } from "../trpc";
import { handleTrpcRequest } from "./trpc-handler";

interface ScriptedStack {
  description: StackDescription;
  events: StackEventRecord[];
  /** Polls left before the stack reaches its final status. */
  pollsLeft: number;
  final: { status: StackStatus; events: [string, string, AnyStatus, string?][] };
}

const stacks = new Map<string, ScriptedStack>();

function event(
  stack: string,
  token: string,
  logical: string,
  type: string,
  status: AnyStatus,
  reason?: string,
) {
  return {
    eventId: randomUUID(),
    stackName: stack,
    logicalResourceId: logical,
    resourceType: type,
    resourceStatus: status,
    resourceStatusReason: reason,
    clientRequestToken: token,
    timestamp: new Date(),
  };
}

/** What the next execute() of a stack does: prepare() says whether it creates or updates. */
const preparedKind = new Map<string, "CREATE" | "UPDATE">();

function begin(name: string, token: string, kind: "CREATE" | "UPDATE" | "DELETE") {
  const failing = kind === "CREATE" && name.includes("fail");
  const existing = stacks.get(name);
  const stack: ScriptedStack = {
    description: {
      stackId: existing?.description.stackId ?? `local:${name}:${randomUUID()}`,
      stackName: name,
      status: `${kind}_IN_PROGRESS`,
      outputs: {},
    },
    events: [
      ...(existing?.events ?? []),
      event(name, token, name, "AWS::CloudFormation::Stack", `${kind}_IN_PROGRESS`),
    ],
    pollsLeft: 3,
    final: failing
      ? {
          status: "ROLLBACK_COMPLETE",
          events: [
            // A reason the portal's root-cause finder maps to a spec field (database.instanceClass).
            [
              "Database",
              "AWS::RDS::DBInstance",
              "CREATE_FAILED",
              "DBInstanceClass is not supported (scripted)",
            ],
            [name, "AWS::CloudFormation::Stack", "ROLLBACK_COMPLETE"],
          ],
        }
      : {
          status: `${kind}_COMPLETE`,
          events: [
            ["Vpc", "AWS::EC2::VPC", `${kind}_COMPLETE`],
            [name, "AWS::CloudFormation::Stack", `${kind}_COMPLETE`],
          ],
        },
  };
  stacks.set(name, stack);
  return stack;
}

function advance(stack: ScriptedStack, token: string | undefined) {
  if (stack.pollsLeft <= 0 || --stack.pollsLeft > 0) return;
  for (const [logical, type, status, reason] of stack.final.events) {
    stack.events.push(event(stack.description.stackName, token ?? "", logical, type, status, reason));
  }
  stack.description.status = stack.final.status;
  if (stack.final.status === "CREATE_COMPLETE" || stack.final.status === "UPDATE_COMPLETE") {
    stack.description.outputs = { AppUrl: `http://127.0.0.1:1/${stack.description.stackName}` };
  }
}

const scriptedDriver: DeployDriver = {
  target: "local",
  validate: async () => undefined,
  prepare: async (kind, request) => {
    preparedKind.set(request.stackName, kind === "update" ? "UPDATE" : "CREATE");
    return {
      stackId:
        stacks.get(request.stackName)?.description.stackId ?? `local:${request.stackName}:${randomUUID()}`,
      // An update changes the service (what a new desired count or image does).
      changes:
        kind === "update"
          ? [
              {
                action: "Modify",
                logicalResourceId: "AppService",
                resourceType: "AWS::ECS::Service",
                replacement: "False",
              },
            ]
          : [],
    };
  },
  execute: async (_prepared, request) => {
    begin(request.stackName, request.clientRequestToken, preparedKind.get(request.stackName) ?? "CREATE");
  },
  describe: async (locator: StackLocator) => {
    const stack = stacks.get(stackNameOf(locator));
    if (!stack) return null;
    advance(stack, stack.events.at(-1)?.clientRequestToken);
    return stack.description.status === "DELETE_COMPLETE" ? null : { ...stack.description };
  },
  eventsSince: async (locator: StackLocator, after?: string) => {
    const events = stacks.get(stackNameOf(locator))?.events ?? [];
    const from = after ? events.findIndex((e) => e.eventId === after) + 1 : 0;
    return events.slice(from);
  },
  delete: async (locator: StackLocator, token: string) => {
    begin(stackNameOf(locator), token, "DELETE");
  },
};

async function main() {
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) throw new Error("DATABASE_URL is required");
  const prisma = createPrismaClient({ databaseUrl, connectionLimit: 4 });
  const sandbox = process.env.STACKYARD_API_TARGET === "sandbox";
  const engine = new DeployEngine({
    prisma,
    driverFor: sandbox ? driverFor : () => scriptedDriver,
    intervalMs: () => (sandbox ? 250 : 50),
  });
  const user = await createTestUser(prisma, "deployer");
  const { token } = await createApiToken(prisma, user, { name: "cli test", expiresInDays: 1 });
  const revoked = await createApiToken(prisma, user, { name: "cli revoked", expiresInDays: 1 });
  await revokeApiToken(prisma, user, revoked.id);

  const server = createServer(async (req, res) => {
    try {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const headers = new Headers();
      for (const [key, value] of Object.entries(req.headers)) {
        if (typeof value === "string") headers.set(key, value);
      }
      const request = new Request(`http://${req.headers.host}${req.url}`, {
        method: req.method,
        headers,
        body: req.method === "GET" || req.method === "HEAD" ? undefined : Buffer.concat(chunks),
      });
      const response = await handleTrpcRequest(request, async ({ req: r, resHeaders }) => ({
        prisma,
        request: r,
        resHeaders,
        deploy: engine,
        // This engine's bus: without it the events subscription would start the portal's own engine.
        eventBus: engine.tracker.bus,
        user: await userForRequest(prisma, r),
      }));
      res.writeHead(response.status, Object.fromEntries(response.headers));
      // Streamed as it comes: the events subscription (SSE) never ends by itself.
      res.once("close", () => void response.body?.cancel().catch(() => undefined));
      const reader = response.body?.getReader();
      for (let part = await reader?.read(); part && !part.done; part = await reader?.read())
        res.write(part.value);
      res.end();
    } catch (error) {
      res.writeHead(500).end(String(error));
    }
  });
  server.listen(0, "127.0.0.1", () => {
    const address = server.address();
    const port = typeof address === "object" && address ? address.port : 0;
    process.stdout.write(
      `${JSON.stringify({ url: `http://127.0.0.1:${port}`, token, revokedToken: revoked.token })}\n`,
    );
  });
  const stop = () => {
    server.close();
    void engine.tracker
      .stop()
      .then(() => prisma.$disconnect())
      .finally(() => process.exit(0));
  };
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);
}

main().catch((error) => {
  process.stderr.write(`api server: ${String(error)}\n`);
  process.exit(1);
});

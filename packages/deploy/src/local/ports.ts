// Loopback ports for the sandbox's processes. Ports are chosen when an operation is planned and bound a
// little later, so besides "can I bind it now" the allocator avoids ports that any sandbox's state
// records and ports it handed out in this process: two environments launched at once never collide.
import { createServer } from "node:net";
import { allStates } from "./state-store.js";

export interface PortAllocator {
  /** `count` distinct loopback ports, free now and not used by any sandbox. */
  allocate(count: number): Promise<number[]>;
}

/** Below Linux's ephemeral range (32768+), away from the services' and tests' fixed ports. */
const SANDBOX_PORT_RANGE = { first: 20_000, last: 29_999 } as const;

/** Ports handed out here, until their stack's state records them (a minute is plenty). */
const reservedInThisProcess = new Map<number, number>();
const RESERVATION_MS = 60_000;

function reservedNow(): number[] {
  const now = Date.now();
  for (const [port, until] of reservedInThisProcess) if (until < now) reservedInThisProcess.delete(port);
  return [...reservedInThisProcess.keys()];
}

export function canListen(port: number, host = "127.0.0.1"): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once("error", () => resolve(false));
    probe.listen({ port, host, exclusive: true }, () => probe.close(() => resolve(true)));
  });
}

export function loopbackPortAllocator(sandboxRoot: string, range = SANDBOX_PORT_RANGE): PortAllocator {
  return {
    async allocate(count) {
      const taken = new Set(reservedNow());
      for (const state of allStates(sandboxRoot)) {
        if (state.status === "DELETE_COMPLETE" || state.status === "ROLLBACK_COMPLETE") continue;
        for (const port of [...state.plan.taskPorts, state.plan.nginxPort]) taken.add(port);
      }
      const ports: number[] = [];
      const span = range.last - range.first + 1;
      for (let attempt = 0; ports.length < count && attempt < 500; attempt++) {
        const port = range.first + Math.floor(Math.random() * span);
        if (taken.has(port) || !(await canListen(port))) continue;
        taken.add(port);
        reservedInThisProcess.set(port, Date.now() + RESERVATION_MS);
        ports.push(port);
      }
      if (ports.length < count) {
        throw new Error(`no free loopback port in ${range.first}-${range.last}`);
      }
      return ports;
    },
  };
}

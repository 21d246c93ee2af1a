// What the local service scheduler remembers, as ECS does for a service: the tasks that stopped (with
// why) and the service's events ("has started 1 tasks"), kept in state.json, newest first, a few of each.
import type { StoppedTask } from "../observe/health.js";
import type { SandboxContext } from "./stand-ins.js";

const KEEP_STOPPED = 10;
const KEEP_EVENTS = 20;

/** The service's name in events: the local physical id of AWS::ECS::Service. */
export const serviceNameOf = (stackName: string) => `${stackName}-notes-api`;

/** A task's id locally: its port and pid (a replacement on the same port is another task). */
export const taskIdOf = (port: number, pid: number) => `notes-api-${port}-${pid}`;

export function recordServiceEvent(ctx: SandboxContext, message: string): void {
  const at = new Date();
  ctx.store.update((s) => {
    s.service ??= { stoppedTasks: [], events: [] };
    const activity = s.service;
    const event = { id: `${at.getTime()}-${activity.events.length}`, createdAt: at.toISOString(), message };
    activity.events = [event, ...activity.events].slice(0, KEEP_EVENTS);
  });
}

export function recordStoppedTask(ctx: SandboxContext, task: StoppedTask): void {
  ctx.store.update((s) => {
    s.service ??= { stoppedTasks: [], events: [] };
    const activity = s.service;
    activity.stoppedTasks = [task, ...activity.stoppedTasks].slice(0, KEEP_STOPPED);
  });
}

export function serviceEventText(stackName: string, text: string): string {
  return `(service ${serviceNameOf(stackName)}) ${text}`;
}

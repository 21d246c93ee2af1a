// Which stack a call is about. Apart from driver.ts so the capability interfaces (observe/) can name a
// stack without importing the driver interface that imports them.

/**
 * The stack an environment owns. A stack belongs to exactly one environment: drivers act only on the stack
 * whose id the environment recorded (or, before it has one, whose owner tag/state names the environment),
 * never on another stack of the same name.
 */
export interface StackRef {
  stackName: string;
  /** The target's unique id for the stack (an ARN on AWS), recorded when the create started; null before. */
  stackId: string | null;
  environmentId: string;
}

/** Tests may name a stack alone; the engine and tracker always pass its owner too. */
export type StackLocator = string | StackRef;

/** The stack an environment row owns. */
export function stackRefOf(environment: { id: string; name: string; stackId: string | null }): StackRef {
  return { stackName: environment.name, stackId: environment.stackId, environmentId: environment.id };
}

export const stackNameOf = (stack: StackLocator): string =>
  typeof stack === "string" ? stack : stack.stackName;

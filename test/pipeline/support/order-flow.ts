// A flow that exercises every view: a task that fails once and is retried, a parallel step with a
// task branch, a choice that fails some executions, and a final pass step.
import { Engine, type EventStore, type TaskHandler } from '@ordo/runtime';

export const ORDER_FLOW_NAME = 'orders';

export const ORDER_FLOW = `
version: v1
type: flow
steps:
  - type: task
    name: reserve
    resourceArn: local:reserve
    retry:
      - errors: [Busy]
        intervalSeconds: 1
        maxAttempts: 3
  - type: parallel
    name: fanout
    branches:
      - steps:
          - type: pass
            name: left
      - steps:
          - type: task
            name: ship
            resourceArn: local:ship
  - type: choice
    name: decide
    choices:
      - condition: $.total > 1000
        steps:
          - type: fail
            name: reject
            error: TooLarge
            cause: total above the limit
    default:
      goto: done
  - type: pass
    name: done
`;

/** `reserve` fails its first attempt for executions whose name ends in an odd digit. */
export function orderHandlers(): Record<string, TaskHandler> {
  const attempts = new Map<string, number>();
  return {
    reserve: (input, ctx) => {
      const n = (attempts.get(ctx.executionName) ?? 0) + 1;
      attempts.set(ctx.executionName, n);
      if (n === 1 && /[13579]$/.test(ctx.executionName)) throw Object.assign(new Error('try again'), { name: 'Busy' });
      return { reserved: true, ...(input as object) };
    },
    ship: () => ({ shipped: true }),
  };
}

/** An engine on `store` with the order flow deployed. */
export async function orderEngine(store: EventStore): Promise<Engine> {
  const engine = new Engine({ store, handlers: orderHandlers(), checkpointIntervalMs: 0 });
  await engine.start();
  await engine.deployFlow(ORDER_FLOW_NAME, ORDER_FLOW);
  return engine;
}

/** Resolves once every named execution exists and none is Running. */
export async function waitForEnd(engine: Engine, names: readonly string[], timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const states = await Promise.all(names.map((n) => engine.describeExecution(ORDER_FLOW_NAME, n).then((d) => d.status, () => 'NotStarted')));
    const pending = names.filter((_, i) => states[i] === 'Running' || states[i] === 'NotStarted');
    if (pending.length === 0) return;
    if (Date.now() > deadline) throw new Error(`executions not ended after ${timeoutMs} ms: ${pending.join(', ')}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

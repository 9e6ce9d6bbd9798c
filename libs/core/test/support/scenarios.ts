import type { ExecutionCommand, Intent, StartTimerIntent } from '@ordo/core';
import { cmd, tid, T0 } from './commands';

/** What drives a recorded scenario: a fixed command, or one chosen from the pending intents. */
export type ScenarioStep = ExecutionCommand | ((intents: readonly Intent[]) => ExecutionCommand);

export interface Scenario {
  readonly name: string;
  readonly flow: string;
  readonly steps: readonly ScenarioStep[];
}

function fireNext(purpose: StartTimerIntent['purpose']): (intents: readonly Intent[]) => ExecutionCommand {
  return (intents) => {
    const timer = intents.find((i): i is StartTimerIntent => i.kind === 'StartTimer' && i.purpose === purpose);
    if (timer === undefined) throw new Error(`scenario expects a pending ${purpose} timer`);
    return cmd.fire(timer.timerId, timer.dueAt);
  };
}

/** The scenarios recorded into `test/histories/*.json` by `record-history.ts`. */
export const SCENARIOS: readonly Scenario[] = [
  {
    name: 'poll-loop',
    flow: `version: v1
type: flow
steps:
  - type: task
    name: poll
    resourceArn: local:poll
  - type: choice
    name: ready
    choices:
      - condition: $.done == false
        goto: poll
  - type: succeed
    name: finish
`,
    steps: [cmd.start({ job: 7 }), cmd.succeed(tid('poll', 1), { done: false }, T0 + 1), cmd.succeed(tid('poll', 1), { done: false }, T0 + 2),
      cmd.succeed(tid('poll', 2), { done: true }, T0 + 3)],
  },
  {
    name: 'retry-catch',
    flow: `version: v1
type: flow
steps:
  - type: task
    name: book
    resourceArn: local:book
    retry:
      - errors: [Busy]
        intervalSeconds: 2
        maxAttempts: 2
    catch:
      - errors: [FnF.ALL]
        goto: compensate
    errorMappings:
      - target: reason
        source: $local.cause
  - type: fail
    name: unreachable
  - type: pass
    name: compensate
    outputMappings:
      - target: compensated
        source: true
`,
    steps: [cmd.start(), cmd.fail(tid('book', 1), 'Busy', 'try later', T0 + 10), fireNext('retry'),
      cmd.fail(tid('book', 2), 'Busy', 'still busy', T0 + 3000), fireNext('retry'), cmd.fail(tid('book', 3), 'Busy', 'gave up', T0 + 9000)],
  },
  {
    name: 'parallel-foreach',
    flow: `version: v1
type: flow
steps:
  - type: parallel
    name: par
    outputMappings:
      - target: names
        source: $local[*].name
    branches:
      - steps:
          - type: task
            name: left
            resourceArn: local:left
      - steps:
          - type: pass
            name: right
            outputMappings:
              - target: name
                source: right
  - type: foreach
    name: each
    maxConcurrency: 1
    iterationMapping:
      collection: $.names
      item: name
      index: i
    outputMappings:
      - target: upper
        source: $local[*].up
    steps:
      - type: task
        name: upper
        resourceArn: local:upper
`,
    steps: [cmd.start(), cmd.succeed(tid('par/branch[0]/left'), { name: 'left' }, T0 + 5),
      cmd.succeed(tid('each/iteration[0]/upper'), { up: 'LEFT' }, T0 + 6), cmd.succeed(tid('each/iteration[1]/upper'), { up: 'RIGHT' }, T0 + 7)],
  },
  {
    name: 'wait-callback-heartbeat',
    flow: `version: v1
type: flow
steps:
  - type: wait
    name: pause
    duration: 5
  - type: task
    name: approve
    resourceArn: kafka:approvals
    pattern: waitForCallback
    heartbeatSeconds: 30
    inputMappings:
      - target: token
        source: $context.task.token
    catch:
      - errors: [FnF.TaskTimeout]
        goto: expired
  - type: succeed
    name: approved
  - type: pass
    name: expired
    outputMappings:
      - target: expired
        source: true
`,
    steps: [cmd.start(), fireNext('wait'), cmd.submitted(tid('approve'), T0 + 5001), cmd.heartbeat(tid('approve'), T0 + 20_000),
      fireNext('heartbeat'), cmd.succeed(tid('approve'), { late: true }, T0 + 60_000)],
  },
  {
    name: 'flow-timeout-cleanup',
    flow: `version: v1
type: flow
timeoutSeconds: 100
onTimeout:
  steps:
    - type: task
      name: release
      resourceArn: local:release
steps:
  - type: task
    name: hold
    resourceArn: local:hold
`,
    steps: [cmd.start({ lock: 'L' }), fireNext('flowTimeout'), cmd.succeed(tid('hold'), {}, T0 + 100_001),
      cmd.succeed(tid('onTimeout/release'), { released: true }, T0 + 100_002)],
  },
];

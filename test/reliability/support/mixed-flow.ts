/**
 * The flow the kill-and-restart suite runs: a flaky local task with retries and backoff, a 1 s
 * wait, a flaky HTTP task with retries, then (by input) a callback or a fail step. What each
 * execution must end as follows from its input alone.
 */
export function mixedFlow(workUrl: string): string {
  return `version: v1
type: flow
steps:
  - type: task
    name: prepare
    resourceArn: local:flakyPrepare
    retry:
      - errors: [Flaky]
        intervalSeconds: 1
        maxAttempts: 3
        multiplier: 2
  - type: wait
    name: pause
    duration: 1
  - type: task
    name: call
    resourceArn: ${workUrl}/work
    retry:
      - errors: [Busy]
        intervalSeconds: 1
        maxAttempts: 3
  - type: choice
    name: route
    choices:
      - condition: $.callback == true
        steps:
          - type: task
            name: approve
            resourceArn: local:park
            pattern: waitForCallback
            inputMappings:
              - target: taskToken
                source: $context.task.token
      - condition: $.fail == true
        steps:
          - type: fail
            name: reject
            error: Rejected
            cause: the input asked to fail
`;
}

/** The input of execution `i` and what it must end as. */
export interface Plan {
  readonly name: string;
  readonly input: { i: number; flaky: boolean; httpFlaky: boolean; callback: boolean; fail: boolean; deny: boolean };
  readonly expected: { status: 'Succeeded' | 'Failed'; error?: string; output?: Record<string, unknown> };
}

/** A deterministic mix: a third flaky locally, a quarter flaky over HTTP, half with callbacks. */
export function planFor(i: number, runId: string): Plan {
  const callback = i % 2 === 0;
  const input = { i, flaky: i % 3 === 0, httpFlaky: i % 4 === 1, callback, fail: !callback && i % 5 === 0, deny: callback && i % 6 === 0 };
  // Each task merges its result into the step data: the local handler adds `prepared`, the HTTP
  // endpoint `called`, and the callback report `approved`.
  const afterTasks = { ...input, prepared: true, called: true };
  const expected: Plan['expected'] = input.fail ? { status: 'Failed', error: 'Rejected' }
    : input.deny ? { status: 'Failed', error: 'Denied' }
      : callback ? { status: 'Succeeded', output: { ...afterTasks, approved: true } }
        : { status: 'Succeeded', output: afterTasks };
  return { name: `r${runId}_${i}`, input, expected };
}

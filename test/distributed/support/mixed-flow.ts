/** A flow mixing a retried task, a wait and a choice with a waitForCallback task (distributed tests). */
export const MIXED_FLOW = `version: v1
type: flow
steps:
  - type: task
    name: prepare
    resourceArn: local:flaky
    retry:
      - errors: [Flaky]
        intervalSeconds: 1
        maxAttempts: 3
  - type: wait
    name: pause
    duration: 1
  - type: choice
    name: route
    choices:
      - condition: $.callback == true
        steps:
          - type: task
            name: approve
            resourceArn: local:park
            pattern: waitForCallback
`;

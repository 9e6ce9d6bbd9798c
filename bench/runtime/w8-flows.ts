/** W8's flows: a 2 s wait then a task; a task that the "before" process never finishes. */
export const W8_FLOWS: Record<string, string> = {
  w8wait: ['version: v1', 'type: flow', 'steps:', '  - type: wait', '    name: pause', '    duration: 2',
    '  - type: task', '    name: after', '    resourceArn: local:slow'].join('\n'),
  w8task: ['version: v1', 'type: flow', 'steps:', '  - type: task', '    name: work', '    resourceArn: local:slow'].join('\n'),
};

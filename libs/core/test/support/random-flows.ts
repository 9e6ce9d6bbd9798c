import fc from 'fast-check';

type Step = Record<string, unknown>;

const ERRORS = ['E1', 'E2', 'FnF.TaskTimeout', 'FnF.InvalidLocal'];
const PATTERNS = ['E1', 'E*', 'FnF.ALL', 'FnF.TaskTimeout'];

const retrier = fc.record({
  errors: fc.subarray(PATTERNS, { minLength: 1 }),
  intervalSeconds: fc.integer({ min: 1, max: 3 }),
  maxAttempts: fc.integer({ min: 0, max: 2 }),
});

/** A task step; catch gotos are filled in once the sibling list is known. */
const task = fc.record({
  type: fc.constant('task'),
  resourceArn: fc.constant('local:work'),
  pattern: fc.constantFrom('requestResponse', 'waitForCallback'),
  timeoutSeconds: fc.option(fc.integer({ min: 5, max: 20 }), { nil: undefined }),
  heartbeatSeconds: fc.option(fc.integer({ min: 2, max: 8 }), { nil: undefined }),
  retry: fc.option(fc.array(retrier, { maxLength: 2 }), { nil: undefined }),
  catchErrors: fc.option(fc.subarray(PATTERNS, { minLength: 1 }), { nil: undefined }),
  catchTarget: fc.nat(),
  outputMappings: fc.option(fc.constant([{ target: 'out', source: '$local' }]), { nil: undefined }),
});

const leaf: fc.Arbitrary<Step> = fc.oneof(
  { weight: 3, arbitrary: fc.constant({ type: 'pass', outputMappings: [{ target: 'p', source: 1 }] }) },
  { weight: 5, arbitrary: task },
  { weight: 1, arbitrary: fc.constant({ type: 'wait', duration: 2 }) },
  { weight: 1, arbitrary: fc.constant({ type: 'succeed' }) },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('fail'), error: fc.constantFrom(...ERRORS) }) },
);

/** Random nested step lists (pass/task/wait/succeed/fail/choice/parallel/foreach) with retry/catch. */
export const stepList: fc.Arbitrary<Step[]> = fc.letrec<{ list: Step[]; step: Step }>((tie) => ({
  step: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    { weight: 6, arbitrary: leaf },
    { weight: 1, arbitrary: fc.record({ type: fc.constant('choice'), a: tie('list'), b: fc.option(tie('list'), { nil: undefined }), goto: fc.option(fc.nat(), { nil: undefined }) }) },
    { weight: 1, arbitrary: fc.record({ type: fc.constant('parallel'), branches: fc.array(tie('list'), { minLength: 1, maxLength: 3 }) }) },
    { weight: 1, arbitrary: fc.record({ type: fc.constant('foreach'), maxConcurrency: fc.integer({ min: 1, max: 3 }), steps: tie('list') }) },
  ) as fc.Arbitrary<Step>,
  list: fc.array(tie('step'), { minLength: 1, maxLength: 3 }) as fc.Arbitrary<Step[]>,
})).list;

let counter = 0;

/** Turns a generated list into FDL steps: unique names, sibling gotos, choice/foreach fields. */
export function toFdl(list: Step[]): Step[] {
  const names = list.map(() => `s${counter++}`);
  return list.map((raw, i) => {
    const name = names[i];
    const { catchErrors, catchTarget, a, b, goto, ...step } = raw as Step & { catchErrors?: string[]; catchTarget?: number; a?: Step[]; b?: Step[]; goto?: number };
    for (const k of Object.keys(step)) if (step[k] === undefined) delete step[k];
    const out: Step = { ...step, name };
    if (step.type === 'task' && catchErrors !== undefined) out.catch = [{ errors: catchErrors, goto: names[(catchTarget ?? 0) % names.length] }];
    if (step.type === 'choice') {
      out.choices = [{ condition: '$.x == 1', steps: toFdl(a ?? []), ...(goto !== undefined ? { goto: names[goto % names.length] } : {}) }];
      if (b !== undefined) out.default = { steps: toFdl(b) };
    }
    if (step.type === 'parallel') out.branches = (step.branches as Step[][]).map((br) => ({ steps: toFdl(br) }));
    if (step.type === 'foreach') {
      out.iterationMapping = { collection: '$.items', item: 'item', index: 'i' };
      out.steps = toFdl(step.steps as Step[]);
    }
    return out;
  });
}

/** A whole flow document as YAML (JSON is YAML), optionally with a flow timeout and cleanup. */
export const flowText: fc.Arbitrary<string> = fc.record({
  steps: stepList,
  timeout: fc.option(fc.integer({ min: 30, max: 90 }), { nil: undefined }),
  cleanup: fc.option(stepList, { nil: undefined }),
}).map(({ steps, timeout, cleanup }) => JSON.stringify({
  version: 'v1', type: 'flow', steps: toFdl(steps),
  ...(timeout !== undefined ? { timeoutSeconds: timeout } : {}),
  ...(timeout !== undefined && cleanup !== undefined ? { onTimeout: { steps: toFdl(cleanup) } } : {}),
}));

/**
 * JSON Schema (draft-07) of FDL v1 as Ordo runs it (SPEC Part A, Appendix A). Also shipped as
 * `libs/fdl/schema/fdl.schema.json` for editors; a test keeps the two identical.
 * Ajv validates with `discriminator: true`, so a step is checked only against its own `type`.
 */

const X_KEYS = { '^x-': { description: 'Extension key: kept and ignored by Ordo.' } };

const mappingList = (description: string) => ({ description, type: 'array', items: { $ref: '#/definitions/mapping' } });

const commonStepProperties = {
  name: {
    description: 'Step name; unique among its siblings; goto targets refer to it. No "/", "[" or "]".',
    type: 'string',
    minLength: 1,
    maxLength: 128,
    pattern: '^[^/\\[\\]\\s][^/\\[\\]]*$',
  },
  inputMappings: mappingList('Builds the step input from the parent input ($input) and local ($local).'),
  outputMappings: mappingList('Builds the step output from the step input ($input) and its local ($local).'),
};

const withEnd = {
  ...commonStepProperties,
  end: { description: 'After this step the enclosing scope completes.', type: 'boolean' },
};

const stepSchema = (stepType: string, description: string, properties: Record<string, unknown>, required: string[] = []) => ({
  description,
  type: 'object',
  properties: { type: { const: stepType, description: 'The step type.' }, ...properties },
  required: ['type', 'name', ...required],
  patternProperties: X_KEYS,
  additionalProperties: false,
});

const positiveInteger = (description: string, maximum?: number) => ({
  description,
  type: 'integer',
  minimum: 1,
  ...(maximum === undefined ? {} : { maximum }),
});

const stepList = (description: string) => ({ description, type: 'array', items: { $ref: '#/definitions/step' } });

export const FDL_JSON_SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://ordo.dev/schema/fdl/v1/fdl.schema.json',
  title: 'Ordo FDL flow (Alibaba Cloud Serverless Workflow FDL v1)',
  description: 'A flow definition: version, type: flow and a list of steps. Unknown keys are errors except x- keys.',
  type: 'object',
  properties: {
    version: { description: 'FDL version; v1, v1beta1 and v1.0 are the same language.', enum: ['v1', 'v1beta1', 'v1.0'] },
    type: { description: 'Must be flow.', const: 'flow' },
    name: { description: 'Accepted and ignored.', type: 'string' },
    steps: stepList('The top-level steps, run one after another.'),
    inputMappings: mappingList('Maps the execution input ($input) to the flow input.'),
    outputMappings: mappingList('Maps the flow input ($input) and local ($local) to the execution output.'),
    timeoutSeconds: positiveInteger('Time limit of the whole execution; exceeded: the execution ends TimedOut.'),
    onTimeout: {
      description: 'Ordo extension: cleanup steps run after a flow timeout, before the execution ends TimedOut.',
      type: 'object',
      properties: { steps: stepList('Cleanup steps.') },
      required: ['steps'],
      patternProperties: X_KEYS,
      additionalProperties: false,
    },
  },
  required: ['version', 'type', 'steps'],
  patternProperties: X_KEYS,
  additionalProperties: false,
  definitions: {
    mapping: {
      description: 'One mapping: source strings starting with $input, $local or $context are JSONPath; anything else is a constant.',
      type: 'object',
      properties: {
        target: { description: 'Top-level key written in the result (a dotted target is a literal key).', type: 'string', minLength: 1 },
        source: { description: 'A JSONPath over $input/$local/$context, or a constant of any JSON type.' },
      },
      required: ['target'],
      patternProperties: X_KEYS,
      additionalProperties: false,
    },
    errorList: {
      description: 'Error names; FnF.ALL matches every error; a trailing * matches by prefix (FC.*).',
      type: 'array',
      items: { type: 'string', minLength: 1 },
      minItems: 1,
    },
    retrier: {
      description: 'Retry policy: delay before retry k is min(intervalSeconds * multiplier^(k-1), maxIntervalSeconds).',
      type: 'object',
      properties: {
        errors: { $ref: '#/definitions/errorList' },
        intervalSeconds: { description: 'Delay before the first retry (default 1).', type: 'integer', minimum: 0, maximum: 86400 },
        maxIntervalSeconds: { description: 'Upper bound of one delay (default 86400).', type: 'integer', minimum: 1, maximum: 86400 },
        maxAttempts: { description: 'Maximum number of retries (default 3).', type: 'integer', minimum: 0, maximum: 1000 },
        multiplier: { description: 'Growth factor between delays (default 2).', type: 'number', minimum: 1, maximum: 100 },
      },
      required: ['errors'],
      patternProperties: X_KEYS,
      additionalProperties: false,
    },
    catcher: {
      description: 'Catch policy: on a matching error, continue at the sibling step named by goto.',
      type: 'object',
      properties: {
        errors: { $ref: '#/definitions/errorList' },
        goto: { description: 'A sibling of the task step.', type: 'string', minLength: 1 },
      },
      required: ['errors', 'goto'],
      patternProperties: X_KEYS,
      additionalProperties: false,
    },
    branch: {
      description: 'A choice branch: steps run when the condition is true, then goto (a sibling of the choice).',
      type: 'object',
      properties: {
        condition: { description: 'Boolean expression over the choice input (docs/conditions.md).', type: 'string', minLength: 1 },
        steps: stepList('Steps of this branch.'),
        goto: { description: 'A sibling of the choice step.', type: 'string', minLength: 1 },
      },
      required: ['condition'],
      patternProperties: X_KEYS,
      additionalProperties: false,
    },
    step: {
      description: 'One step; its fields depend on type.',
      type: 'object',
      properties: { type: { description: 'task, pass, wait, choice, parallel, foreach, succeed or fail.', type: 'string' } },
      required: ['type'],
      discriminator: { propertyName: 'type' },
      oneOf: [
        { $ref: '#/definitions/task' },
        { $ref: '#/definitions/pass' },
        { $ref: '#/definitions/wait' },
        { $ref: '#/definitions/choice' },
        { $ref: '#/definitions/parallel' },
        { $ref: '#/definitions/foreach' },
        { $ref: '#/definitions/succeed' },
        { $ref: '#/definitions/fail' },
      ],
    },
    task: stepSchema('task', 'Runs one unit of work on a resource (resourceArn) or a cloud API (action).', {
      ...withEnd,
      resourceArn: { description: 'acs:fc:…, acs:fnf:::flow/NAME, acs:mns:::/queues|topics/NAME/messages, http(s)://…, kafka:TOPIC, local:NAME.', type: 'string', minLength: 1 },
      action: { description: '<product>:<Api>; mapped to a resource by the deployment.', type: 'string', pattern: '^[^:\\s]+:[^:\\s]+$' },
      pattern: { description: 'requestResponse (default), sync or waitForCallback.', enum: ['requestResponse', 'sync', 'waitForCallback'] },
      serviceParams: { description: 'Call parameters; string values "$" or "$.path" read the step input.', type: 'object' },
      timeoutSeconds: positiveInteger('Per-attempt time limit; exceeded: FnF.TaskTimeout.'),
      heartbeatSeconds: positiveInteger('Ordo extension: a waiting task with no heartbeat for this long fails with FnF.TaskTimeout.'),
      errorMappings: mappingList('Builds the output of a caught failure from $local.error, $local.cause ($local.code = error).'),
      retry: { description: 'Retriers, first match wins.', type: 'array', items: { $ref: '#/definitions/retrier' } },
      catch: { description: 'Catchers, first match wins, after retries run out.', type: 'array', items: { $ref: '#/definitions/catcher' } },
    }),
    pass: stepSchema('pass', 'Does nothing; outputMappings may produce constants or reshape data.', withEnd),
    wait: stepSchema('wait', 'Pauses for duration seconds or until timestamp (exactly one; at most 2 days).', {
      ...withEnd,
      duration: { description: 'Seconds (constant) or a path into the step input ($.sleep).', type: ['integer', 'string'] },
      timestamp: { description: 'RFC 3339 time (constant) or a path into the step input ($.at).', type: 'string', minLength: 1 },
    }),
    choice: stepSchema('choice', 'Runs the first branch whose condition is true, else default.', {
      ...withEnd,
      choices: { description: 'Branches, checked in order.', type: 'array', items: { $ref: '#/definitions/branch' } },
      default: {
        description: 'Runs when no condition is true.',
        type: 'object',
        properties: { steps: stepList('Steps of the default branch.'), goto: { description: 'A sibling of the choice step.', type: 'string', minLength: 1 } },
        patternProperties: X_KEYS,
        additionalProperties: false,
      },
    }, ['choices']),
    parallel: stepSchema('parallel', 'Runs all branches at once; local = array of branch locals.', {
      ...withEnd,
      branches: {
        description: 'At most 100 branches.',
        type: 'array',
        maxItems: 100,
        items: {
          type: 'object',
          properties: { steps: stepList('Steps of this branch.') },
          required: ['steps'],
          patternProperties: X_KEYS,
          additionalProperties: false,
        },
      },
    }, ['branches']),
    foreach: stepSchema('foreach', 'Runs steps once per element of a collection; local = array of iteration locals.', {
      ...withEnd,
      iterationMapping: {
        description: 'Which array to iterate and under which keys the element and position enter the iteration input.',
        type: 'object',
        properties: {
          collection: { description: 'Path into the step input ($.items).', type: 'string', minLength: 1 },
          item: { description: 'Key of the current element.', type: 'string', minLength: 1 },
          index: { description: 'Key of the 0-based position.', type: 'string', minLength: 1 },
        },
        required: ['collection', 'item'],
        patternProperties: X_KEYS,
        additionalProperties: false,
      },
      maxConcurrency: positiveInteger('Ordo extension: iterations running at once (1..100, default 100).', 100),
      steps: stepList('Steps of each iteration.'),
    }, ['iterationMapping', 'steps']),
    succeed: stepSchema('succeed', 'Ends the enclosing branch, iteration or flow successfully.', commonStepProperties),
    fail: stepSchema('fail', 'Fails the enclosing scope with error and cause.', {
      ...commonStepProperties,
      error: { description: 'Error name.', type: 'string' },
      cause: { description: 'Error cause.', type: 'string' },
    }),
  },
} as const;

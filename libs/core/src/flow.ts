import type { JsonObject, JsonValue } from './json';

/**
 * The variables a mapping, condition or path may read. `context` is built lazily by the core
 * (only when the flow reads `$context`); see SPEC Part A §11 for its keys.
 */
export interface MappingScope {
  readonly input: JsonValue;
  readonly local: JsonValue;
  readonly context: JsonObject;
}

/** A compiled `inputMappings` / `outputMappings` / `errorMappings` list: builds a new object. */
export type MappingFn = (scope: MappingScope) => JsonObject;

/** A compiled `$.path` read relative to a step's own input (choice, foreach, wait, serviceParams). */
export type InputPathFn = (input: JsonValue) => JsonValue;

/** A compiled choice condition over the choice step's input (SPEC Part A §16). */
export type ConditionFn = (input: JsonValue) => boolean;

/** Where a task's work goes. `ref` is the resource string after `!Ref` resolution (or the action). */
export type ResourceKind = 'fc' | 'flow' | 'mns' | 'http' | 'kafka' | 'local' | 'action';

/** A classified task resource. For `flow`, `flowName` is the child flow's name. */
export interface CompiledResource {
  readonly kind: ResourceKind;
  readonly ref: string;
  readonly flowName?: string;
}

export type TaskPattern = 'requestResponse' | 'sync' | 'waitForCallback';

/** One `retry[]` entry with defaults applied (SPEC Part A §8). */
export interface CompiledRetrier {
  readonly errors: readonly string[];
  readonly intervalSeconds: number;
  readonly maxIntervalSeconds: number;
  readonly maxAttempts: number;
  readonly multiplier: number;
}

/** One `catch[]` entry; `goto` is resolved to the index of the target among the task's siblings. */
export interface CompiledCatcher {
  readonly errors: readonly string[];
  readonly goto: number;
  readonly gotoName: string;
}

/**
 * Fields every compiled step has. `position` is the step's index in its `steps` list (named so it
 * cannot clash with foreach's `index`, the iteration-index key).
 */
export interface CompiledStepBase {
  readonly name: string;
  readonly position: number;
  /** `end: true`: after this step the enclosing scope completes. */
  readonly end: boolean;
  readonly inputMappings?: MappingFn;
  readonly outputMappings?: MappingFn;
  /** Where the step is defined in the YAML source (1-based), for error messages. */
  readonly line: number;
  readonly column: number;
}

export interface CompiledTaskStep extends CompiledStepBase {
  readonly type: 'task';
  readonly resource: CompiledResource;
  readonly pattern: TaskPattern;
  /** Evaluated against the step input (after inputMappings); absent when the flow gave none. */
  readonly serviceParams?: (input: JsonValue) => JsonObject;
  readonly timeoutSeconds?: number;
  readonly heartbeatSeconds?: number;
  readonly errorMappings?: MappingFn;
  readonly retry: readonly CompiledRetrier[];
  readonly catch: readonly CompiledCatcher[];
}

export interface CompiledPassStep extends CompiledStepBase {
  readonly type: 'pass';
}

/** A wait: exactly one of `duration` (seconds) or `timestamp` (RFC 3339), constant or read from input. */
export interface CompiledWaitStep extends CompiledStepBase {
  readonly type: 'wait';
  readonly duration?: number | InputPathFn;
  readonly timestamp?: string | InputPathFn;
}

/** One choice branch; `goto` is the index of a sibling of the choice step. */
export interface CompiledChoiceBranch {
  readonly condition: ConditionFn;
  /** The condition's source text, recorded in `ChoiceEvaluated`. */
  readonly conditionText: string;
  readonly steps: readonly CompiledStep[];
  readonly goto?: number;
}

export interface CompiledChoiceDefault {
  readonly steps: readonly CompiledStep[];
  readonly goto?: number;
}

export interface CompiledChoiceStep extends CompiledStepBase {
  readonly type: 'choice';
  readonly choices: readonly CompiledChoiceBranch[];
  readonly default?: CompiledChoiceDefault;
}

export interface CompiledParallelStep extends CompiledStepBase {
  readonly type: 'parallel';
  readonly branches: readonly (readonly CompiledStep[])[];
}

export interface CompiledForeachStep extends CompiledStepBase {
  readonly type: 'foreach';
  readonly collection: InputPathFn;
  /** Key under which the current element is merged into the iteration input. */
  readonly item: string;
  /** Key under which the 0-based iteration position is merged (absent: not merged). */
  readonly index?: string;
  /** Ordo extension (SPEC Part A §7); default 100. */
  readonly maxConcurrency: number;
  readonly steps: readonly CompiledStep[];
}

export interface CompiledSucceedStep extends CompiledStepBase {
  readonly type: 'succeed';
}

export interface CompiledFailStep extends CompiledStepBase {
  readonly type: 'fail';
  readonly error?: string;
  readonly cause?: string;
}

/** Any compiled step; discriminated by `type`. */
export type CompiledStep =
  | CompiledTaskStep
  | CompiledPassStep
  | CompiledWaitStep
  | CompiledChoiceStep
  | CompiledParallelStep
  | CompiledForeachStep
  | CompiledSucceedStep
  | CompiledFailStep;

export type StepType = CompiledStep['type'];

/** Engine limits that the flow is run under (SPEC Part A §9, Part B §12). */
export interface FlowLimits {
  /** Max serialized bytes of a step's input, output and local together (default 32 KiB). */
  readonly maxStepPayloadBytes: number;
  /** Max wait in seconds (default 2 days). */
  readonly maxWaitSeconds: number;
}

export const DEFAULT_LIMITS: FlowLimits = { maxStepPayloadBytes: 32 * 1024, maxWaitSeconds: 2 * 24 * 3600 };

/**
 * A validated, compiled FDL flow: what `@ordo/fdl` produces and the core runs. Mappings and
 * conditions are pure functions; gotos are sibling indices. The core never sees YAML.
 */
export interface CompiledFlow {
  readonly steps: readonly CompiledStep[];
  readonly inputMappings?: MappingFn;
  readonly outputMappings?: MappingFn;
  readonly timeoutSeconds?: number;
  /** Ordo extension (SPEC Part A §14): cleanup steps run after a flow timeout. */
  readonly onTimeout?: readonly CompiledStep[];
  /** True when any mapping, condition or path reads `$context` (lets the core skip building it). */
  readonly usesContext: boolean;
  readonly limits: FlowLimits;
}

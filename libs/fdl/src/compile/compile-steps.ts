import type {
  CompiledChoiceBranch, CompiledChoiceDefault, CompiledChoiceStep, CompiledForeachStep, CompiledStep, CompiledStepBase, CompiledWaitStep,
} from '@ordo/core';
import { compileCondition } from '../conditions';
import { resolveInputPath } from '../mappings';
import { childPath } from '../paths';
import type { CompileContext } from './compile-context';
import { compileTask } from './compile-task';

type Raw = Record<string, unknown>;

/** Default foreach concurrency (SPEC Part A §7). */
export const DEFAULT_MAX_CONCURRENCY = 100;

/** Compiles one validated `steps` list; gotos become indices into this list. */
export function compileSteps(list: unknown, path: string, ctx: CompileContext): CompiledStep[] {
  const raws = (list as Raw[] | undefined) ?? [];
  const names = raws.map((r) => r.name as string);
  return raws.map((raw, index) => compileStep(raw, index, childPath(path, index), names, ctx));
}

function compileStep(raw: Raw, index: number, docPath: string, siblings: readonly string[], ctx: CompileContext): CompiledStep {
  const base = compileBase(raw, index, docPath, ctx);
  switch (raw.type) {
    case 'task':
      return compileTask(raw, base, docPath, siblings, ctx);
    case 'pass':
      return { ...base, type: 'pass' };
    case 'wait':
      return compileWait(raw, base);
    case 'choice':
      return compileChoice(raw, base, docPath, siblings, ctx);
    case 'parallel':
      return { ...base, type: 'parallel', branches: (raw.branches as Raw[]).map((b, j) => compileSteps(b.steps, `${docPath}.branches[${j}].steps`, ctx)) };
    case 'foreach':
      return compileForeach(raw, base, docPath, ctx);
    case 'succeed':
      return { ...base, type: 'succeed' };
    case 'fail':
      return { ...base, type: 'fail', ...optionalString('error', raw.error), ...optionalString('cause', raw.cause) };
    default:
      throw new Error(`internal: step type ${String(raw.type)} at ${docPath} was not validated`);
  }
}

function compileBase(raw: Raw, index: number, docPath: string, ctx: CompileContext): CompiledStepBase {
  const inputMappings = ctx.mappings(raw.inputMappings, `${docPath}.inputMappings`);
  const outputMappings = ctx.mappings(raw.outputMappings, `${docPath}.outputMappings`);
  const { line, column } = ctx.position(docPath);
  return {
    name: raw.name as string,
    position: index,
    end: raw.end === true,
    ...(inputMappings ? { inputMappings } : {}),
    ...(outputMappings ? { outputMappings } : {}),
    line,
    column,
  };
}

function optionalString<K extends string>(key: K, value: unknown): { [P in K]?: string } {
  return (typeof value === 'string' ? { [key]: value } : {}) as { [P in K]?: string };
}

function compileWait(raw: Raw, base: CompiledStepBase): CompiledWaitStep {
  const read = (value: unknown) => (typeof value === 'string' && value.startsWith('$') ? resolveInputPath(value) : value);
  if (raw.duration !== undefined) return { ...base, type: 'wait', duration: read(raw.duration) as CompiledWaitStep['duration'] };
  return { ...base, type: 'wait', timestamp: read(raw.timestamp) as CompiledWaitStep['timestamp'] };
}

function compileChoice(raw: Raw, base: CompiledStepBase, docPath: string, siblings: readonly string[], ctx: CompileContext): CompiledChoiceStep {
  const gotoIndex = (target: unknown) => (typeof target === 'string' ? { goto: siblings.indexOf(target) } : {});
  const choices = (raw.choices as Raw[]).map((branch, i): CompiledChoiceBranch => {
    const compiled = compileCondition(branch.condition as string);
    if (!compiled.ok) throw new Error(`internal: condition at ${docPath}.choices[${i}] was not validated`);
    return {
      condition: compiled.fn,
      conditionText: branch.condition as string,
      steps: compileSteps(branch.steps, `${docPath}.choices[${i}].steps`, ctx),
      ...gotoIndex(branch.goto),
    };
  });
  const rawDefault = raw.default as Raw | undefined;
  const fallback: CompiledChoiceDefault | undefined = rawDefault
    ? { steps: compileSteps(rawDefault.steps, `${docPath}.default.steps`, ctx), ...gotoIndex(rawDefault.goto) }
    : undefined;
  return { ...base, type: 'choice', choices, ...(fallback ? { default: fallback } : {}) };
}

function compileForeach(raw: Raw, base: CompiledStepBase, docPath: string, ctx: CompileContext): CompiledForeachStep {
  const mapping = raw.iterationMapping as Raw;
  return {
    ...base,
    type: 'foreach',
    collection: resolveInputPath(mapping.collection as string),
    item: mapping.item as string,
    ...optionalString('index', mapping.index),
    maxConcurrency: (raw.maxConcurrency as number | undefined) ?? DEFAULT_MAX_CONCURRENCY,
    steps: compileSteps(raw.steps, `${docPath}.steps`, ctx),
  };
}

import { DEFAULT_LIMITS, type CompiledFlow, type FlowLimits } from '@ordo/core';
import type { SourcePosition } from '../issues';
import { CompileContext } from './compile-context';
import { compileSteps } from './compile-steps';

type Raw = Record<string, unknown>;

/** Compiles a document that passed every check into the CompiledFlow the core runs. */
export function compileDocument(doc: Raw, limits: FlowLimits, locate: (docPath: string) => SourcePosition): CompiledFlow {
  const ctx = new CompileContext(locate);
  const inputMappings = ctx.mappings(doc.inputMappings, 'inputMappings');
  const outputMappings = ctx.mappings(doc.outputMappings, 'outputMappings');
  const steps = compileSteps(doc.steps, 'steps', ctx);
  const onTimeout = doc.onTimeout ? compileSteps((doc.onTimeout as Raw).steps, 'onTimeout.steps', ctx) : undefined;
  return {
    steps,
    ...(inputMappings ? { inputMappings } : {}),
    ...(outputMappings ? { outputMappings } : {}),
    ...(typeof doc.timeoutSeconds === 'number' ? { timeoutSeconds: doc.timeoutSeconds } : {}),
    ...(onTimeout ? { onTimeout } : {}),
    usesContext: ctx.usesContext,
    limits,
  };
}

/** Engine limits from options over DEFAULT_LIMITS. */
export function resolveLimits(overrides: Partial<FlowLimits> | undefined): FlowLimits {
  return { ...DEFAULT_LIMITS, ...(overrides ?? {}) };
}

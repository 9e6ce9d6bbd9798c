import type { CompiledFlow, FlowLimits } from '@ordo/core';
import { checkVersionAndType, outline, runSemanticChecks } from './checks';
import { compileDocument, resolveLimits } from './compile/compile-flow';
import { positionIssues, type FdlIssue, type PendingIssue } from './issues';
import { MAX_DEFINITION_BYTES, parseYaml } from './parse/parse-yaml';
import { checkSchema } from './schema/validate-schema';

/** Options of compileFlowText / validateFlowText. */
export interface CompileOptions {
  /** Shown in FdlError messages (`file:line:column`). */
  fileName?: string;
  /** Engine limits the flow runs under; unspecified ones come from DEFAULT_LIMITS. */
  limits?: Partial<FlowLimits>;
}

/** `flow` is present iff `issues` is empty. */
export interface CompileResult {
  flow?: CompiledFlow;
  issues: FdlIssue[];
}

/**
 * Parses, validates and compiles FDL YAML: YAML (with positions) → version/type → JSON Schema →
 * semantic checks → CompiledFlow. Every issue found is reported at once, in source order.
 */
export function compileFlowText(text: string, options: CompileOptions = {}): CompileResult {
  const size = Buffer.byteLength(text, 'utf8');
  if (size > MAX_DEFINITION_BYTES) {
    const message = `The flow definition is ${size} bytes; at most ${MAX_DEFINITION_BYTES} bytes are accepted.`;
    return { issues: [{ code: 'FDL.DEFINITION_TOO_LARGE', message, path: '', line: 1, column: 1 }] };
  }
  const parsed = parseYaml(text);
  if (parsed.issues.length > 0) return { issues: parsed.issues };
  const limits = resolveLimits(options.limits);
  const versionIssues = checkVersionAndType(parsed.value);
  if (versionIssues.length > 0) return { issues: positionIssues(versionIssues, parsed.sourceMap) };
  const doc = parsed.value as Record<string, unknown>;
  const pending: PendingIssue[] = [...checkSchema(doc), ...runSemanticChecks({ doc, outline: outline(doc), limits })];
  const issues = sortIssues(dedupe(positionIssues(pending, parsed.sourceMap)));
  if (issues.length > 0) return { issues };
  return { flow: compileDocument(doc, limits, (path) => parsed.sourceMap.locate(path)), issues: [] };
}

/** Validates without keeping the compiled flow; `[]` means the flow is valid. */
export function validateFlowText(text: string, options: CompileOptions = {}): FdlIssue[] {
  return compileFlowText(text, options).issues;
}

function dedupe(issues: FdlIssue[]): FdlIssue[] {
  const seen = new Set<string>();
  return issues.filter((i) => {
    const key = `${i.code}|${i.path}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function sortIssues(issues: FdlIssue[]): FdlIssue[] {
  return [...issues].sort((a, b) => a.line - b.line || a.column - b.column);
}

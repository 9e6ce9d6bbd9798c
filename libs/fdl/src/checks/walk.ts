import { childPath } from '../paths';

/** A step-like object found while walking a (possibly invalid) document. */
export type RawStep = Record<string, unknown> & { type?: unknown; name?: unknown };

/** One `steps` list: siblings among which names must be unique and gotos resolve. */
export interface Scope {
  readonly path: string;
  /** The object items of the list with their original indices. */
  readonly entries: readonly { readonly step: RawStep; readonly index: number }[];
}

/** A step with where it is: `docPath` (`steps[2]`) and its scope. */
export interface VisitedStep {
  readonly step: RawStep;
  readonly docPath: string;
  readonly scope: Scope;
}

/** Every scope and step of a document, found defensively (malformed parts are skipped, not thrown on). */
export interface DocumentOutline {
  readonly scopes: Scope[];
  readonly steps: VisitedStep[];
}

/** Walks top-level steps, onTimeout steps and every nested scope of every known step type. */
export function outline(doc: unknown): DocumentOutline {
  const result: DocumentOutline = { scopes: [], steps: [] };
  if (!isRecord(doc)) return result;
  walkScope(doc.steps, 'steps', result);
  if (isRecord(doc.onTimeout)) walkScope(doc.onTimeout.steps, 'onTimeout.steps', result);
  return result;
}

function walkScope(list: unknown, path: string, out: DocumentOutline): void {
  if (!Array.isArray(list)) return;
  const entries = list.flatMap((item, index) => (isRecord(item) ? [{ step: item as RawStep, index }] : []));
  const scope: Scope = { path, entries };
  out.scopes.push(scope);
  list.forEach((item, i) => {
    if (!isRecord(item)) return;
    const docPath = childPath(path, i);
    out.steps.push({ step: item, docPath, scope });
    walkChildren(item, docPath, out);
  });
}

function walkChildren(step: RawStep, docPath: string, out: DocumentOutline): void {
  switch (step.type) {
    case 'parallel':
      forEachRecord(step.branches, (branch, j) => walkScope(branch.steps, childPath(childPath(docPath, 'branches'), j) + '.steps', out));
      break;
    case 'foreach':
      walkScope(step.steps, childPath(docPath, 'steps'), out);
      break;
    case 'choice':
      forEachRecord(step.choices, (branch, j) => walkScope(branch.steps, childPath(childPath(docPath, 'choices'), j) + '.steps', out));
      if (isRecord(step.default)) walkScope(step.default.steps, childPath(docPath, 'default') + '.steps', out);
      break;
  }
}

/** Calls `fn` for each element of `list` that is an object. */
export function forEachRecord(list: unknown, fn: (item: Record<string, unknown>, index: number) => void): void {
  if (Array.isArray(list)) list.forEach((item, i) => isRecord(item) && fn(item, i));
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The scope that owns a step's gotos (its own siblings), by names. */
export function siblingNames(scope: Scope): string[] {
  return scope.entries.map((e) => e.step.name).filter((n): n is string => typeof n === 'string');
}

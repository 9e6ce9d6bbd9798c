/**
 * Names a place in a document the way messages should: the step path (`order/branch[1]/charge`,
 * `items/iteration[*]/resize`, `check/choices[0]/notify`) and the field inside that step.
 */
export interface StepLocation {
  /** `''` when the place is not inside any step (flow-level fields). */
  readonly stepPath: string;
  /** The field inside the step (`retry[0].errors`), or `''` for the step itself. */
  readonly field: string;
}

type Token = string | number;

/** Splits `steps[2].retry[0].errors` into `['steps', 2, 'retry', 0, 'errors']`. */
export function splitDocPath(path: string): Token[] {
  const tokens: Token[] = [];
  const re = /([^.[\]]+)|\[(\d+)\]/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(path)) !== null) tokens.push(m[2] !== undefined ? Number(m[2]) : m[1]);
  return tokens;
}

/** Joins tokens back into a dotted document path. */
export function joinDocPath(tokens: readonly Token[]): string {
  return tokens.reduce<string>((acc, t) => (typeof t === 'number' ? `${acc}[${t}]` : acc === '' ? t : `${acc}.${t}`), '');
}

/** Resolves the step path and field of a document path over the parsed document. */
export function locateStep(root: unknown, docPath: string): StepLocation {
  const tokens = splitDocPath(docPath);
  const parts: string[] = [];
  let value: unknown = root;
  let fieldStart = 0;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    const container = value;
    value = read(value, token);
    const previous = tokens[i - 1];
    if (typeof token === 'number' && previous === 'steps') {
      parts.push(stepName(value, token));
      fieldStart = i + 1;
    } else {
      const scope = scopeSegment(container, previous, token, tokens[i + 1], tokens[i + 2]);
      if (scope !== undefined) parts.push(scope);
    }
  }
  return { stepPath: parts.join('/'), field: joinDocPath(tokens.slice(fieldStart)) };
}

/** A scope segment is named only when the path goes on into that scope's steps. */
function scopeSegment(container: unknown, previous: Token | undefined, token: Token, next?: Token, afterNext?: Token): string | undefined {
  const entersSteps = next === 'steps' && afterNext !== undefined;
  if (typeof token === 'number' && previous === 'branches' && entersSteps) return `branch[${token}]`;
  if (typeof token === 'number' && previous === 'choices' && entersSteps) return `choices[${token}]`;
  if (token === 'default' && isStep(container) && entersSteps) return 'default';
  if (token === 'onTimeout' && !isStep(container) && entersSteps) return 'onTimeout';
  if (token === 'steps' && next !== undefined && isStep(container) && (container as { type?: unknown }).type === 'foreach') return 'iteration[*]';
  return undefined;
}

function isStep(value: unknown): boolean {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string' && (value as { type: string }).type !== 'flow';
}

function stepName(value: unknown, index: number): string {
  const name = (value as { name?: unknown } | null)?.name;
  return typeof name === 'string' && name !== '' ? name : `#${index}`;
}

function read(value: unknown, token: Token): unknown {
  if (value === null || typeof value !== 'object') return undefined;
  return (value as Record<string | number, unknown>)[token];
}

/** `step "a/b" field "retry[0]"` style prefix for messages; flow-level fields read `flow field "…"`. */
export function describePlace(root: unknown, docPath: string): string {
  const { stepPath, field } = locateStep(root, docPath);
  if (stepPath === '') return docPath === '' ? 'the flow' : `flow field "${docPath}"`;
  return field === '' ? `step "${stepPath}"` : `step "${stepPath}" field "${field}"`;
}

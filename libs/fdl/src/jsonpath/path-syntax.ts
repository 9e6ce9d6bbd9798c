/** One step of a parsed JSONPath (the supported, script-free subset). */
export type PathSegment =
  | { readonly kind: 'name'; readonly name: string }
  | { readonly kind: 'index'; readonly index: number }
  | { readonly kind: 'wildcard' }
  | { readonly kind: 'descend' }
  | { readonly kind: 'slice'; readonly text: string }
  | { readonly kind: 'union'; readonly items: readonly (string | number)[] };

/** A parse failure: `script` when the path uses a filter/script form (disabled in Ordo). */
export interface PathSyntaxError {
  readonly kind: 'script' | 'syntax';
  readonly message: string;
  readonly offset: number;
}

export interface ParsedSegments {
  readonly segments: PathSegment[];
  /** Offset just after the last character that belongs to the path. */
  readonly end: number;
}

const NAME_CHAR = /[\p{L}\p{N}_$-]/u;
const SCRIPT_START = /[?(@]/;

class Failure {
  constructor(readonly error: PathSyntaxError) {}
}

/**
 * Parses the segments that follow a JSONPath root (`$`, `$input`, …) starting at `start`, and stops
 * at the first character that cannot continue the path. Filters and scripts are rejected.
 */
export function parseSegments(text: string, start: number): ParsedSegments | PathSyntaxError {
  const cursor = { text, pos: start };
  const segments: PathSegment[] = [];
  try {
    while (cursor.pos < text.length && (text[cursor.pos] === '.' || text[cursor.pos] === '[')) {
      segments.push(...readSegment(cursor));
    }
  } catch (e) {
    if (e instanceof Failure) return e.error;
    throw e;
  }
  return { segments, end: cursor.pos };
}

interface Cursor {
  readonly text: string;
  pos: number;
}

function fail(kind: PathSyntaxError['kind'], message: string, offset: number): never {
  throw new Failure({ kind, message, offset });
}

function readSegment(c: Cursor): PathSegment[] {
  if (c.text[c.pos] === '[') return [readBracket(c)];
  c.pos += 1;
  if (c.text[c.pos] === '.') {
    c.pos += 1;
    const next = c.text[c.pos] === '[' ? readBracket(c) : readDotMember(c);
    return [{ kind: 'descend' }, next];
  }
  return [readDotMember(c)];
}

function readDotMember(c: Cursor): PathSegment {
  if (c.text[c.pos] === '*') {
    c.pos += 1;
    return { kind: 'wildcard' };
  }
  const from = c.pos;
  while (c.pos < c.text.length && NAME_CHAR.test(c.text[c.pos])) c.pos += 1;
  if (c.pos === from) {
    const ch = c.text[c.pos];
    if (ch !== undefined && SCRIPT_START.test(ch)) fail('script', scriptMessage(ch), c.pos);
    fail('syntax', ch === undefined ? 'expected a property name after "."' : `expected a property name after "." but found "${ch}"`, c.pos);
  }
  return { kind: 'name', name: c.text.slice(from, c.pos) };
}

function scriptMessage(found: string): string {
  return `JSONPath filter and script expressions ("${found}") are disabled in Ordo`;
}

function readBracket(c: Cursor): PathSegment {
  const open = c.pos;
  c.pos += 1;
  skipSpaces(c);
  const ch = c.text[c.pos];
  if (ch !== undefined && SCRIPT_START.test(ch)) fail('script', scriptMessage(ch), c.pos);
  let segment: PathSegment;
  if (ch === '*') {
    c.pos += 1;
    segment = { kind: 'wildcard' };
  } else {
    segment = readSelectorList(c);
  }
  skipSpaces(c);
  if (c.text[c.pos] !== ']') fail('syntax', `expected "]" to close the "[" at offset ${open}`, c.pos);
  c.pos += 1;
  return segment;
}

function readSelectorList(c: Cursor): PathSegment {
  const items: (string | number)[] = [];
  for (;;) {
    skipSpaces(c);
    const ch = c.text[c.pos];
    if (ch === "'" || ch === '"') items.push(readQuoted(c, ch));
    else {
      const numeric = readNumericSelector(c);
      if (typeof numeric !== 'number') return singleSlice(items, numeric, c);
      items.push(numeric);
    }
    skipSpaces(c);
    if (c.text[c.pos] !== ',') break;
    c.pos += 1;
  }
  if (items.length === 1) {
    const only = items[0];
    return typeof only === 'number' ? { kind: 'index', index: only } : { kind: 'name', name: only };
  }
  return { kind: 'union', items };
}

function singleSlice(items: readonly (string | number)[], slice: { slice: string }, c: Cursor): PathSegment {
  if (items.length > 0) fail('syntax', 'a slice cannot be part of a union', c.pos);
  return { kind: 'slice', text: slice.slice };
}

function readNumericSelector(c: Cursor): number | { slice: string } {
  const from = c.pos;
  while (c.pos < c.text.length && /[-0-9:]/.test(c.text[c.pos])) c.pos += 1;
  const raw = c.text.slice(from, c.pos);
  if (raw.includes(':')) {
    if (!/^(-?\d+)?:(-?\d+)?(:(-?\d+)?)?$/.test(raw)) fail('syntax', `bad slice "${raw}"`, from);
    return { slice: raw };
  }
  if (!/^-?\d+$/.test(raw)) {
    const ch = c.text[from];
    if (ch !== undefined && SCRIPT_START.test(ch)) fail('script', scriptMessage(ch), from);
    fail('syntax', ch === undefined ? 'unterminated "["' : `expected an index, a quoted name or "*" but found "${ch}"`, from);
  }
  return Number(raw);
}

function readQuoted(c: Cursor, quote: string): string {
  const from = c.pos;
  c.pos += 1;
  let out = '';
  while (c.pos < c.text.length && c.text[c.pos] !== quote) {
    if (c.text[c.pos] === '\\' && c.pos + 1 < c.text.length) c.pos += 1;
    out += c.text[c.pos];
    c.pos += 1;
  }
  if (c.pos >= c.text.length) fail('syntax', `unterminated quoted name starting at offset ${from}`, from);
  c.pos += 1;
  return out;
}

function skipSpaces(c: Cursor): void {
  while (c.text[c.pos] === ' ') c.pos += 1;
}

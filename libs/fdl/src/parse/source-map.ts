import { isAlias, isMap, isPair, isScalar, isSeq, Scalar, type Document, type LineCounter, type Node } from 'yaml';
import type { SourcePosition } from '../issues';
import { childPath } from '../paths';

/** Source positions of every node of a YAML document, keyed by dotted document path. */
export interface SourceMap {
  /** Where the path's key (or sequence item) starts; the nearest ancestor's for a missing path. */
  locate(path: string): SourcePosition;
  /** Where a scalar's text starts, after any opening quote (for offsets inside a condition). */
  locateValueText(path: string): SourcePosition;
}

interface Entry {
  key: SourcePosition;
  valueText?: SourcePosition;
}

const MAX_DEPTH = 200;

/** Walks the YAML AST once and records positions for every path. */
export function buildSourceMap(doc: Document, counter: LineCounter): SourceMap {
  const entries = new Map<string, Entry>();
  const pos = (offset: number): SourcePosition => {
    const p = counter.linePos(offset);
    return { line: p.line, column: p.col };
  };
  const visit = (node: unknown, path: string, keyOffset: number, depth: number): void => {
    if (depth > MAX_DEPTH) return;
    const target = isAlias(node) ? node.resolve(doc) : node;
    const entry: Entry = { key: pos(keyOffset) };
    entries.set(path, entry);
    if (isScalar(target) && target.range) entry.valueText = pos(target.range[0] + (isQuoted(target) ? 1 : 0));
    if (isMap(target)) {
      for (const pair of target.items) {
        if (!isPair(pair)) continue;
        const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
        const offset = (pair.key as Node | null)?.range?.[0] ?? keyOffset;
        visit(pair.value, childPath(path, key), offset, depth + 1);
      }
    } else if (isSeq(target)) {
      target.items.forEach((item, i) => visit(item, childPath(path, i), (item as Node | null)?.range?.[0] ?? keyOffset, depth + 1));
    }
  };
  const root = doc.contents as Node | null;
  visit(root, '', root?.range?.[0] ?? 0, 0);
  const nearest = (path: string): Entry => {
    let current = path;
    for (;;) {
      const found = entries.get(current);
      if (found) return found;
      if (current === '') return { key: { line: 1, column: 1 } };
      current = parentPath(current);
    }
  };
  return {
    locate: (path) => nearest(path).key,
    locateValueText: (path) => {
      const entry = nearest(path);
      return entry.valueText ?? entry.key;
    },
  };
}

function isQuoted(node: Scalar): boolean {
  return node.type === Scalar.QUOTE_DOUBLE || node.type === Scalar.QUOTE_SINGLE;
}

/** `steps[2].name` → `steps[2]` → `steps` → ``. */
export function parentPath(path: string): string {
  const bracket = path.lastIndexOf('[');
  const dot = path.lastIndexOf('.');
  if (path.endsWith(']') && bracket > dot) return path.slice(0, bracket);
  return dot >= 0 ? path.slice(0, dot) : '';
}

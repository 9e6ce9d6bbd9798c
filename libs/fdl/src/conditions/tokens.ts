import { compileSegments, parseSegments, type CompiledPath } from '../jsonpath';
import type { JsonValue } from '@ordo/core';

/** A lexical token of a choice condition; `offset` is its position in the condition text. */
export type Token =
  | { readonly kind: 'op'; readonly op: Operator; readonly offset: number }
  | { readonly kind: 'literal'; readonly value: JsonValue; readonly offset: number }
  | { readonly kind: 'path'; readonly path: CompiledPath; readonly offset: number }
  | { readonly kind: 'end'; readonly offset: number };

export type Operator = '==' | '!=' | '<' | '<=' | '>' | '>=' | '&&' | '||' | '!' | '(' | ')';

/** A tokenizing or parsing failure at a character offset. */
export class ConditionSyntaxError extends Error {
  constructor(message: string, readonly offset: number, readonly script = false) {
    super(message);
    this.name = 'ConditionSyntaxError';
  }
}

const TWO_CHAR_OPS = new Set(['==', '!=', '<=', '>=', '&&', '||']);
const ONE_CHAR_OPS = new Set(['<', '>', '!', '(', ')']);
const KEYWORDS: Record<string, JsonValue> = { true: true, false: false, null: null };
const NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/;
const WORD = /^[A-Za-z_][A-Za-z0-9_]*/;

/** Splits a condition into tokens; throws ConditionSyntaxError with the offending offset. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let pos = 0;
  while (pos < text.length) {
    const ch = text[pos];
    if (ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r') {
      pos += 1;
      continue;
    }
    const token = readToken(text, pos);
    tokens.push(token.token);
    pos = token.next;
  }
  tokens.push({ kind: 'end', offset: text.length });
  return tokens;
}

function readToken(text: string, pos: number): { token: Token; next: number } {
  const ch = text[pos];
  const two = text.slice(pos, pos + 2);
  if (TWO_CHAR_OPS.has(two)) return { token: { kind: 'op', op: two as Operator, offset: pos }, next: pos + 2 };
  if (ONE_CHAR_OPS.has(ch)) return { token: { kind: 'op', op: ch as Operator, offset: pos }, next: pos + 1 };
  if (ch === '"' || ch === '`') return readString(text, pos, ch);
  if (ch === '$') return readPath(text, pos);
  if (ch === '-' || (ch >= '0' && ch <= '9')) return readNumber(text, pos);
  const word = WORD.exec(text.slice(pos));
  if (word && word[0] in KEYWORDS) {
    return { token: { kind: 'literal', value: KEYWORDS[word[0]], offset: pos }, next: pos + word[0].length };
  }
  throw new ConditionSyntaxError(unexpectedMessage(text, pos, word?.[0]), pos);
}

function unexpectedMessage(text: string, pos: number, word: string | undefined): string {
  const ch = text[pos];
  if (ch === '=') return 'found "=" where "==" was expected';
  if (ch === '&') return 'found "&" where "&&" was expected';
  if (ch === '|') return 'found "|" where "||" was expected';
  if (ch === "'") return 'single-quoted strings are not supported; use double quotes or backticks';
  if (word !== undefined) return `unknown word "${word}" (strings need double quotes; paths start with "$")`;
  return `unexpected character "${ch}"`;
}

function readString(text: string, start: number, quote: string): { token: Token; next: number } {
  let out = '';
  let pos = start + 1;
  while (pos < text.length && text[pos] !== quote) {
    if (text[pos] === '\\') {
      if (pos + 1 >= text.length) break;
      out += unescape(text[pos + 1]);
      pos += 2;
      continue;
    }
    out += text[pos];
    pos += 1;
  }
  if (pos >= text.length) throw new ConditionSyntaxError(`unterminated string starting at offset ${start}`, start);
  return { token: { kind: 'literal', value: out, offset: start }, next: pos + 1 };
}

function unescape(ch: string): string {
  if (ch === 'n') return '\n';
  if (ch === 't') return '\t';
  if (ch === 'r') return '\r';
  return ch;
}

function readNumber(text: string, start: number): { token: Token; next: number } {
  const match = NUMBER.exec(text.slice(start));
  if (!match) throw new ConditionSyntaxError(`bad number at offset ${start}`, start);
  const next = start + match[0].length;
  if (next < text.length && /[A-Za-z0-9_.]/.test(text[next])) {
    throw new ConditionSyntaxError(`bad number "${text.slice(start, next + 1)}"`, start);
  }
  return { token: { kind: 'literal', value: Number(match[0]), offset: start }, next };
}

function readPath(text: string, start: number): { token: Token; next: number } {
  const parsed = parseSegments(text, start + 1);
  if ('kind' in parsed) throw new ConditionSyntaxError(parsed.message, parsed.offset, parsed.kind === 'script');
  const next = parsed.end;
  if (next < text.length && /[\p{L}\p{N}_]/u.test(text[next])) {
    throw new ConditionSyntaxError('a path is "$" followed by ".name" or "[...]" segments', next);
  }
  const path = compileSegments(text.slice(start, next), '$', parsed.segments);
  return { token: { kind: 'path', path, offset: start }, next };
}

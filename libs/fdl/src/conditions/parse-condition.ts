import type { JsonValue } from '@ordo/core';
import { compareOrdered, isTruthy, jsonEquals, type OrderingOperator } from './semantics';
import { ConditionSyntaxError, tokenize, type Operator, type Token } from './tokens';

/** A compiled sub-expression: evaluates to a JSON value over the choice step's input. */
type Evaluator = (input: JsonValue) => JsonValue;

const COMPARISONS = new Set<Operator>(['==', '!=', '<', '<=', '>', '>=']);

/**
 * Recursive-descent parser that compiles straight to closures:
 *   or := and ('||' and)* ; and := cmp ('&&' cmp)* ; cmp := unary (cmpOp unary)? ;
 *   unary := '!' unary | primary ; primary := path | string | number | true | false | null | '(' or ')'
 */
export function parseCondition(text: string): Evaluator {
  const parser = new Parser(tokenize(text));
  if (parser.peek().kind === 'end') throw new ConditionSyntaxError('the condition is empty', 0);
  const evaluator = parser.parseOr();
  const rest = parser.peek();
  if (rest.kind !== 'end') throw new ConditionSyntaxError(`unexpected ${describe(rest)}`, rest.offset);
  return evaluator;
}

class Parser {
  private index = 0;

  constructor(private readonly tokens: Token[]) {}

  peek(): Token {
    return this.tokens[this.index];
  }

  parseOr(): Evaluator {
    let left = this.parseAnd();
    while (this.takeOp('||')) {
      const l = left;
      const r = this.parseAnd();
      left = (input) => isTruthy(l(input)) || isTruthy(r(input));
    }
    return left;
  }

  private parseAnd(): Evaluator {
    let left = this.parseComparison();
    while (this.takeOp('&&')) {
      const l = left;
      const r = this.parseComparison();
      left = (input) => isTruthy(l(input)) && isTruthy(r(input));
    }
    return left;
  }

  private parseComparison(): Evaluator {
    const left = this.parseUnary();
    const token = this.peek();
    if (token.kind !== 'op' || !COMPARISONS.has(token.op)) return left;
    this.index += 1;
    const right = this.parseUnary();
    const next = this.peek();
    if (next.kind === 'op' && COMPARISONS.has(next.op)) {
      throw new ConditionSyntaxError(`comparisons cannot be chained; use parentheses and "&&" before "${next.op}"`, next.offset);
    }
    return comparison(token.op, left, right);
  }

  private parseUnary(): Evaluator {
    if (this.takeOp('!')) {
      const operand = this.parseUnary();
      return (input) => !isTruthy(operand(input));
    }
    return this.parsePrimary();
  }

  private parsePrimary(): Evaluator {
    const token = this.peek();
    if (token.kind === 'literal') {
      this.index += 1;
      const value = token.value;
      return () => value;
    }
    if (token.kind === 'path') {
      this.index += 1;
      return token.path.read;
    }
    if (token.kind === 'op' && token.op === '(') {
      this.index += 1;
      const inner = this.parseOr();
      const close = this.peek();
      if (close.kind !== 'op' || close.op !== ')') throw new ConditionSyntaxError(`expected ")" but found ${describe(close)}`, close.offset);
      this.index += 1;
      return inner;
    }
    throw new ConditionSyntaxError(`expected a path, a literal, "!" or "(" but found ${describe(token)}`, token.offset);
  }

  private takeOp(op: Operator): boolean {
    const token = this.peek();
    if (token.kind === 'op' && token.op === op) {
      this.index += 1;
      return true;
    }
    return false;
  }
}

function comparison(op: Operator, left: Evaluator, right: Evaluator): Evaluator {
  if (op === '==') return (input) => jsonEquals(left(input), right(input));
  if (op === '!=') return (input) => !jsonEquals(left(input), right(input));
  const ordering = op as OrderingOperator;
  return (input) => compareOrdered(ordering, left(input), right(input));
}

function describe(token: Token): string {
  switch (token.kind) {
    case 'end':
      return 'the end of the condition';
    case 'op':
      return `"${token.op}"`;
    case 'path':
      return `path "${token.path.text}"`;
    case 'literal':
      return `literal ${JSON.stringify(token.value)}`;
  }
}

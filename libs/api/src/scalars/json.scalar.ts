import { GraphQLScalarType, Kind, type ValueNode } from 'graphql';
import type { JsonValue } from '@ordo/core';
import { ApiError } from '../errors/api-error';

/** `JSON`: any JSON value (object, array, string, number, boolean or null), as input and output. */
export const JsonScalar = new GraphQLScalarType<JsonValue, JsonValue>({
  name: 'JSON',
  description: 'Any JSON value: object, array, string, number, boolean or null.',
  serialize: (value) => value as JsonValue,
  parseValue: (value) => value as JsonValue,
  parseLiteral: (ast, variables) => literalToJson(ast, variables ?? undefined),
});

function literalToJson(ast: ValueNode, variables: Record<string, unknown> | undefined): JsonValue {
  switch (ast.kind) {
    case Kind.STRING:
      return ast.value;
    case Kind.BOOLEAN:
      return ast.value;
    case Kind.INT:
    case Kind.FLOAT:
      return Number(ast.value);
    case Kind.NULL:
      return null;
    case Kind.LIST:
      return ast.values.map((v) => literalToJson(v, variables));
    case Kind.OBJECT:
      return Object.fromEntries(ast.fields.map((f) => [f.name.value, literalToJson(f.value, variables)]));
    case Kind.VARIABLE:
      return (variables?.[ast.name.value] ?? null) as JsonValue;
    case Kind.ENUM:
      return ast.value;
    default:
      throw new ApiError('INVALID_ARGUMENT', `A JSON literal cannot contain a ${(ast as ValueNode).kind} node.`);
  }
}

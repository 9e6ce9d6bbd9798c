import {
  Kind, getNamedType, getNullableType, isCompositeType, isListType, isObjectType, isInterfaceType,
  type FieldNode, type FragmentDefinitionNode, type GraphQLCompositeType, type GraphQLField, type GraphQLSchema,
  type SelectionSetNode, type ValueNode,
} from 'graphql';
import type { QueryLimits } from './query-limits';

/** Multiplier of a list field without a page-size argument (e.g. `steps`). */
export const UNPAGED_LIST_FACTOR = 10;

/** Depth and estimated cost of one operation's selection. */
export interface OperationShape {
  readonly depth: number;
  readonly cost: number;
}

interface Walk {
  readonly schema: GraphQLSchema;
  readonly fragments: ReadonlyMap<string, FragmentDefinitionNode>;
  readonly limits: QueryLimits;
  readonly variables: Readonly<Record<string, unknown>> | undefined;
}

/**
 * Measures a selection set: depth counts nested fields (introspection fields are free), and cost is
 * the number of fields that may be resolved, each child set multiplied by its parent's page size:
 * a literal `first`/`limit` or the value of its variable (the cap when the variable's value is not
 * known), the default page size when absent, and UNPAGED_LIST_FACTOR for other lists.
 */
export function measureSelection(
  schema: GraphQLSchema, fragments: ReadonlyMap<string, FragmentDefinitionNode>, limits: QueryLimits,
  parent: GraphQLCompositeType, selectionSet: SelectionSetNode, variables?: Readonly<Record<string, unknown>>,
): OperationShape {
  return measure({ schema, fragments, limits, variables }, parent, selectionSet, new Set(), false);
}

/** `inPage`: `set` belongs to a paged object (a page or connection), whose lists the page size already priced. */
function measure(walk: Walk, parent: GraphQLCompositeType, set: SelectionSetNode, spreading: Set<string>, inPage: boolean): OperationShape {
  let depth = 0;
  let cost = 0;
  for (const selection of set.selections) {
    let shape: OperationShape;
    if (selection.kind === Kind.FIELD) {
      shape = measureField(walk, parent, selection, spreading, inPage);
    } else {
      const fragment = selection.kind === Kind.FRAGMENT_SPREAD ? walk.fragments.get(selection.name.value) : selection;
      const name = selection.kind === Kind.FRAGMENT_SPREAD ? selection.name.value : undefined;
      if (fragment === undefined || (name !== undefined && spreading.has(name))) continue;
      const typeName = fragment.typeCondition?.name.value;
      const target = typeName === undefined ? parent : walk.schema.getType(typeName);
      if (target === undefined || target === null || !isCompositeType(target)) continue;
      const inner = name === undefined ? spreading : new Set([...spreading, name]);
      shape = measure(walk, target, fragment.selectionSet, inner, inPage);
    }
    depth = Math.max(depth, shape.depth);
    cost += shape.cost;
  }
  return { depth, cost };
}

function measureField(walk: Walk, parent: GraphQLCompositeType, field: FieldNode, spreading: Set<string>, inPage: boolean): OperationShape {
  if (field.name.value.startsWith('__')) return { depth: 0, cost: 0 };
  const definition = fieldOf(parent, field.name.value);
  if (field.selectionSet === undefined || definition === undefined) return { depth: 1, cost: 1 };
  const named = getNamedType(definition.type);
  if (!isCompositeType(named)) return { depth: 1, cost: 1 };
  const pagedObject = isPaged(definition) && !isListType(getNullableType(definition.type));
  const child = measure(walk, named, field.selectionSet, spreading, pagedObject);
  const factor = inPage && !isPaged(definition) ? 1 : multiplier(walk, field, definition);
  return { depth: 1 + child.depth, cost: 1 + factor * child.cost };
}

function isPaged(definition: GraphQLField<unknown, unknown>): boolean {
  return definition.args.some((a) => a.name === 'first' || a.name === 'limit');
}

function fieldOf(parent: GraphQLCompositeType, name: string): GraphQLField<unknown, unknown> | undefined {
  return isObjectType(parent) || isInterfaceType(parent) ? parent.getFields()[name] : undefined;
}

function multiplier(walk: Walk, field: FieldNode, definition: GraphQLField<unknown, unknown>): number {
  const paging = definition.args.find((a) => a.name === 'first' || a.name === 'limit');
  if (paging !== undefined) {
    const given = field.arguments?.find((a) => a.name.value === paging.name)?.value;
    return pageSizeOf(given, walk.limits, walk.variables);
  }
  return isListType(getNullableType(definition.type)) ? UNPAGED_LIST_FACTOR : 1;
}

function pageSizeOf(value: ValueNode | undefined, limits: QueryLimits, variables: Walk['variables']): number {
  if (value === undefined || value.kind === Kind.NULL) return limits.defaultPageSize;
  if (value.kind === Kind.INT) return clampPage(Number(value.value), limits);
  if (value.kind === Kind.VARIABLE && variables !== undefined) {
    const given = variables[value.name.value];
    if (given === undefined || given === null) return limits.defaultPageSize;
    if (typeof given === 'number') return clampPage(given, limits);
  }
  return limits.maxPageSize;
}

function clampPage(n: number, limits: QueryLimits): number {
  return Math.max(1, Math.min(n, limits.maxPageSize));
}

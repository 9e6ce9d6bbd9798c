import { GraphQLError, Kind, type FragmentDefinitionNode, type ValidationContext, type ValidationRule } from 'graphql';
import { measureSelection } from './operation-cost';
import type { QueryLimits } from './query-limits';

/**
 * A GraphQL validation rule refusing operations deeper than `maxDepth` (`QUERY_TOO_DEEP`), or costlier
 * than `maxComplexity` (`QUERY_TOO_COMPLEX`) even at the smallest page sizes their variables could
 * take; `queryCostPlugin` checks the cost again with the variables' real values.
 */
export function queryLimitsRule(limits: QueryLimits): ValidationRule {
  return (context: ValidationContext) => ({
    Document(document) {
      const fragments = new Map<string, FragmentDefinitionNode>();
      for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
      const schema = context.getSchema();
      for (const operation of document.definitions) {
        if (operation.kind !== Kind.OPERATION_DEFINITION) continue;
        const root = schema.getRootType(operation.operation);
        if (root === undefined || root === null) continue;
        const shape = measureSelection(schema, fragments, limits, root, operation.selectionSet, MINIMAL_VARIABLES);
        const name = operation.name?.value ?? 'anonymous';
        if (shape.depth > limits.maxDepth) {
          context.reportError(limitError('QUERY_TOO_DEEP', `Operation ${name} is ${shape.depth} fields deep, over the limit of ${limits.maxDepth}.`));
        } else if (shape.cost > limits.maxComplexity) {
          context.reportError(limitError('QUERY_TOO_COMPLEX', `Operation ${name} has an estimated cost of ${shape.cost}, over the limit of ${limits.maxComplexity}; request smaller pages or fewer fields.`));
        }
      }
    },
  });
}

/** At validation variables are unknown: a proxy that prices every page-size variable at 1. */
const MINIMAL_VARIABLES: Readonly<Record<string, unknown>> = new Proxy({}, { get: () => 1 });

/** Refuses `__schema` and `__type` with `INTROSPECTION_DISABLED` (`__typename` stays allowed). */
export const noIntrospectionRule: ValidationRule = (context) => ({
  Field(node) {
    if (node.name.value === '__schema' || node.name.value === '__type') {
      context.reportError(limitError('INTROSPECTION_DISABLED', `Introspection (${node.name.value}) is disabled on this server; see api.introspection.`));
    }
  },
});

function limitError(code: string, message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code } });
}

import { GraphQLError, Kind, type FragmentDefinitionNode, type ValidationContext, type ValidationRule } from 'graphql';
import { measureSelection } from './operation-cost';
import type { QueryLimits } from './query-limits';

/**
 * A GraphQL validation rule refusing operations deeper than `maxDepth` (`QUERY_TOO_DEEP`) or costlier
 * than `maxComplexity` (`QUERY_TOO_COMPLEX`), before anything is resolved.
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
        const shape = measureSelection(schema, fragments, limits, root, operation.selectionSet);
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

import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, Kind, type FragmentDefinitionNode } from 'graphql';
import { measureSelection } from './operation-cost';
import type { QueryLimits } from './query-limits';

/**
 * Refuses operations costlier than `maxComplexity` (`QUERY_TOO_COMPLEX`) once the operation and its
 * variables are known, before any resolver runs: page sizes given as variables count at their value.
 */
export function queryCostPlugin(limits: QueryLimits): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, operation, schema, request }) {
          if (operation === undefined) return;
          const root = schema.getRootType(operation.operation);
          if (root === undefined || root === null) return;
          const fragments = new Map<string, FragmentDefinitionNode>();
          for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
          const { cost } = measureSelection(schema, fragments, limits, root, operation.selectionSet, request.variables ?? {});
          if (cost > limits.maxComplexity) {
            const name = operation.name?.value ?? 'anonymous';
            throw new GraphQLError(
              `Operation ${name} has an estimated cost of ${cost}, over the limit of ${limits.maxComplexity}; request smaller pages or fewer fields.`,
              { extensions: { code: 'QUERY_TOO_COMPLEX', http: { status: 400 } } },
            );
          }
        },
      };
    },
  };
}

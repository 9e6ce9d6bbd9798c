import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import type { GraphQLFormattedError } from 'graphql';

/** Options of the GraphQL endpoint that depend on the deployment. */
export interface GraphqlEndpointOptions {
  /** Schema introspection and the landing page (on by default only on loopback, see issue 5). */
  readonly introspection: boolean;
}

/** Apollo configuration for Ordo: code-first schema in memory, no stack traces in responses. */
export function ordoGraphqlConfig(options: GraphqlEndpointOptions): ApolloDriverConfig {
  return {
    driver: ApolloDriver,
    path: '/graphql',
    autoSchemaFile: true,
    sortSchema: true,
    introspection: options.introspection,
    playground: false,
    includeStacktraceInErrorResponses: false,
    formatError: withoutLocationsNoise,
  };
}

/** Keeps the message, path, locations and extensions; drops anything else Apollo may attach. */
function withoutLocationsNoise(formatted: GraphQLFormattedError): GraphQLFormattedError {
  const { message, locations, path, extensions } = formatted;
  return { message, locations, path, extensions };
}

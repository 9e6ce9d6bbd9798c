import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import type { Authenticator } from './auth/authenticator';
import { authenticationPlugin } from './auth/authentication.plugin';
import { ordoGraphqlContext, wsConnectAuthenticator } from './auth/graphql-auth-context';
import { DEFAULT_QUERY_LIMITS, type QueryLimits } from './limits/query-limits';
import { noIntrospectionRule, queryLimitsRule } from './limits/query-limits.rule';
import { queryCostPlugin } from './limits/query-cost.plugin';

/** Options of the GraphQL endpoint that depend on the deployment. */
export interface GraphqlEndpointOptions {
  /** Schema introspection (on by default only on loopback, see issue 5). */
  readonly introspection: boolean;
  /** The in-browser IDE (GraphQL Playground) on `GET /graphql` (on by default only on loopback). */
  readonly ide?: boolean;
  /** Depth, complexity and page size limits (default DEFAULT_QUERY_LIMITS). */
  readonly limits?: QueryLimits;
  /** Authenticates HTTP requests and graphql-ws connections; without it subscriptions are not served. */
  readonly authenticator?: Authenticator;
}

/** Apollo configuration for Ordo: code-first schema in memory, no stack traces, limits, auth context. */
export function ordoGraphqlConfig(options: GraphqlEndpointOptions): ApolloDriverConfig {
  const limits = options.limits ?? DEFAULT_QUERY_LIMITS;
  const rules = [queryLimitsRule(limits), ...(options.introspection ? [] : [noIntrospectionRule])];
  return {
    driver: ApolloDriver,
    path: '/graphql',
    autoSchemaFile: true,
    sortSchema: true,
    introspection: true,
    playground: options.ide ?? false,
    validationRules: rules,
    includeStacktraceInErrorResponses: false,
    formatError: withoutLocationsNoise,
    context: ordoGraphqlContext,
    plugins: [
      ...(options.authenticator === undefined ? [] : [authenticationPlugin(options.authenticator)]),
      queryCostPlugin(limits),
    ],
    ...(options.authenticator === undefined ? {} : {
      subscriptions: { 'graphql-ws': { path: '/graphql', onConnect: wsConnectAuthenticator(options.authenticator) } },
    }),
  };
}

/**
 * Keeps the message, path, locations and extensions; drops anything else Apollo may attach. Apollo
 * relabels validation errors `GRAPHQL_VALIDATION_FAILED`; Ordo's own rules keep their codes.
 */
function withoutLocationsNoise(formatted: GraphQLFormattedError, error?: unknown): GraphQLFormattedError {
  const { message, locations, path } = formatted;
  const ownCode = ordoCodeOf(error);
  const extensions = ownCode === undefined ? formatted.extensions : { ...formatted.extensions, code: ownCode };
  return { message, locations, path, extensions };
}

const OWN_VALIDATION_CODES = new Set(['QUERY_TOO_DEEP', 'QUERY_TOO_COMPLEX', 'INTROSPECTION_DISABLED']);

function ordoCodeOf(error: unknown): string | undefined {
  const original = (error as { originalError?: unknown } | undefined)?.originalError;
  const code = original instanceof GraphQLError ? original.extensions.code : undefined;
  return typeof code === 'string' && OWN_VALIDATION_CODES.has(code) ? code : undefined;
}

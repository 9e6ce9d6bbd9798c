import type { ApolloServerPlugin } from '@apollo/server';
import { toGraphqlError } from '../errors/graphql-error';
import { toApiError } from '../errors/to-api-error';
import type { Authenticator } from './authenticator';
import { principalOfGraphqlContext, type OrdoGraphqlContext } from './graphql-auth-context';

/**
 * Authenticates every GraphQL request once the operation is known, before any field (including
 * `__schema`, which no guard sees) is resolved: an unknown or missing credential is a 401
 * `UNAUTHENTICATED`. Authorisation stays with RolesGuard, per field.
 */
export function authenticationPlugin(authenticator: Authenticator): ApolloServerPlugin<OrdoGraphqlContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ contextValue }) {
          try {
            await principalOfGraphqlContext(contextValue, authenticator);
          } catch (e) {
            const apiError = toApiError(e);
            throw toGraphqlError(apiError, { http: { status: apiError.httpStatus } });
          }
        },
      };
    },
  };
}

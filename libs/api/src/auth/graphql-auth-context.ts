import { ApiError } from '../errors/api-error';
import type { Authenticator } from './authenticator';
import { PRINCIPAL_KEY, type Principal } from './principal';

/** The GraphQL context Ordo builds: the HTTP request, or the graphql-ws connection's principal. */
export interface OrdoGraphqlContext {
  readonly req?: { headers: Record<string, string | string[] | undefined>; [PRINCIPAL_KEY]?: Principal };
  /** Set for subscriptions from the connection's `connectionParams` at `connection_init`. */
  readonly principal?: Principal;
}

/** What graphql-ws passes to `onConnect` (its `extra` is the `ws` server's `{socket, request}`). */
export interface WsConnectionContext {
  readonly connectionParams?: Readonly<Record<string, unknown>>;
  readonly extra: unknown;
}

interface WsExtra {
  principal?: Principal;
  socket?: { close(code: number, reason: string): void };
}

/**
 * The caller of a GraphQL operation: from the subscription's connection, or authenticated once per
 * HTTP request from its `Authorization` header and remembered on the request.
 */
export async function principalOfGraphqlContext(ctx: OrdoGraphqlContext, authenticator: Authenticator): Promise<Principal> {
  if (ctx.principal !== undefined) return ctx.principal;
  const req = ctx.req;
  if (req === undefined) throw new ApiError('UNAUTHENTICATED', 'The GraphQL operation arrived without a request or connection to authenticate.');
  const known = req[PRINCIPAL_KEY];
  if (known !== undefined) return known;
  const principal = await authenticator.authenticate(req.headers.authorization);
  req[PRINCIPAL_KEY] = principal;
  return principal;
}

/** The `Authorization` value of graphql-ws `connectionParams` (`Authorization` or `authorization`). */
export function authorizationOfConnectionParams(params: Readonly<Record<string, unknown>> | undefined): unknown {
  if (params === undefined || params === null) return undefined;
  return params.Authorization ?? params.authorization;
}

/**
 * graphql-ws `onConnect`: authenticates `connectionParams` once per connection. A connection
 * without a valid credential is closed with code 4401 and reason `UNAUTHENTICATED`.
 */
export function wsConnectAuthenticator(authenticator: Authenticator): (ctx: WsConnectionContext) => Promise<boolean> {
  return async (ctx) => {
    const extra = ctx.extra as WsExtra;
    try {
      extra.principal = await authenticator.authenticate(authorizationOfConnectionParams(ctx.connectionParams));
      return true;
    } catch {
      extra.socket?.close(4401, 'UNAUTHENTICATED');
      return false;
    }
  };
}

/** Builds the GraphQL context for HTTP (`{req}`) and graphql-ws (`{extra}`) operations. */
export function ordoGraphqlContext(input: { req?: OrdoGraphqlContext['req']; extra?: { principal?: Principal } }): OrdoGraphqlContext {
  if (input.req !== undefined) return { req: input.req };
  return { principal: input.extra?.principal };
}

import { HttpException, Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { GqlExecutionContext, type GqlContextType } from '@nestjs/graphql';
import { ApiError } from '../errors/api-error';
import { toApiError } from '../errors/to-api-error';
import { toGraphqlError } from '../errors/graphql-error';
import { AUTHENTICATOR } from './auth-settings';
import type { Authenticator } from './authenticator';
import { principalOfGraphqlContext, type OrdoGraphqlContext } from './graphql-auth-context';
import { PRINCIPAL_KEY, type Principal } from './principal';
import { PUBLIC_METADATA } from './public.decorator';
import { isAllowed } from './role-policy';
import { ROLES_METADATA, type OrdoRole } from './roles.decorator';

interface HttpRequestLike {
  method?: string;
  path?: string;
  headers: Record<string, string | string[] | undefined>;
  [PRINCIPAL_KEY]?: Principal;
}

/**
 * The global guard (GraphQL operations, subscriptions and HTTP handlers). It authenticates the
 * caller and lets the call through only when one of the caller's roles is in the handler's
 * `@Roles`; a handler without `@Roles` is refused to everyone (default deny). HTTP handlers marked
 * `@Public()` skip the check. Errors: `UNAUTHENTICATED` (401) and `FORBIDDEN` (403).
 */
@Injectable()
export class RolesGuard implements CanActivate {
  constructor(private readonly reflector: Reflector, @Inject(AUTHENTICATOR) private readonly authenticator: Authenticator) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    const graphql = context.getType<GqlContextType>() === 'graphql';
    if (!graphql && this.reflector.getAllAndOverride<boolean>(PUBLIC_METADATA, targets) === true) return true;
    const required = this.reflector.getAllAndOverride<OrdoRole[] | undefined>(ROLES_METADATA, targets);
    try {
      const principal = graphql ? await this.graphqlPrincipal(context) : await this.httpPrincipal(context);
      if (!isAllowed(principal.roles, required)) throw forbidden(operationName(context, graphql), required, principal);
      return true;
    } catch (e) {
      const apiError = toApiError(e);
      if (graphql) throw toGraphqlError(apiError, { http: { status: apiError.httpStatus } });
      throw new HttpException({ ...apiError.toExtensions(), message: apiError.message }, apiError.httpStatus);
    }
  }

  private graphqlPrincipal(context: ExecutionContext): Promise<Principal> {
    const ctx = GqlExecutionContext.create(context).getContext<OrdoGraphqlContext>();
    return principalOfGraphqlContext(ctx, this.authenticator);
  }

  private async httpPrincipal(context: ExecutionContext): Promise<Principal> {
    const req = context.switchToHttp().getRequest<HttpRequestLike>();
    const known = req[PRINCIPAL_KEY];
    if (known !== undefined) return known;
    const principal = await this.authenticator.authenticate(req.headers.authorization);
    req[PRINCIPAL_KEY] = principal;
    return principal;
  }
}

function operationName(context: ExecutionContext, graphql: boolean): string {
  if (graphql) {
    const info = GqlExecutionContext.create(context).getInfo<{ parentType: { name: string }; fieldName: string }>();
    return `${info.parentType.name}.${info.fieldName}`;
  }
  const req = context.switchToHttp().getRequest<HttpRequestLike>();
  return `${req.method ?? 'HTTP'} ${req.path ?? '?'}`;
}

function forbidden(operation: string, required: readonly OrdoRole[] | undefined, principal: Principal): ApiError {
  if (required === undefined || required.length === 0) {
    return new ApiError('FORBIDDEN', `${operation} declares no roles, so it is refused to every caller (default deny).`);
  }
  const has = principal.roles.length === 0 ? 'no role' : `role ${principal.roles.join(', ')}`;
  return new ApiError('FORBIDDEN', `${operation} needs role ${[...required, 'admin'].join(' or ')}; the caller has ${has}.`);
}

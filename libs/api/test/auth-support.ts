import 'reflect-metadata';
import { Global, Module, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { GraphQLModule } from '@nestjs/graphql';
import {
  API_INTERNAL_ERROR_SINK, API_LIMITS, AUTHENTICATOR, Authenticator, DEFAULT_API_LIMITS, DEFAULT_QUERY_LIMITS, ORDO_ENGINE, ORDO_QUERY_ENGINE, ORDO_READ_MODELS, OrdoApiModule, QUERY_LIMITS,
  ordoGraphqlConfig, type AuthSettings, type OrdoRole, type QueryLimits,
} from '@ordo/api';

/** One API key per role, as the tests send them. */
export const KEY_OF: Readonly<Record<OrdoRole, string>> = {
  reader: 'reader-key-0000000001', operator: 'operator-key-000000002', worker: 'worker-key-00000000003',
  admin: 'admin-key-000000000004', metrics: 'metrics-key-0000000005',
};

const NOT_METHODS = new Set(['then', 'onModuleInit', 'onApplicationBootstrap', 'onModuleDestroy', 'beforeApplicationShutdown', 'onApplicationShutdown']);

/** An engine whose every call fails: the tests only look at whether the guard let the call through. */
const refusingEngine = new Proxy({}, {
  get: (_target, prop) => (typeof prop !== 'string' || NOT_METHODS.has(prop) ? undefined : () => { throw Object.assign(new Error('test engine'), { code: 'RUNTIME.ENGINE_STOPPED' }); }),
});

/** Starts the API module in-process (no server app) with an API key per role; returns it and its URL. */
export async function startApi(options: { settings?: AuthSettings; introspection?: boolean; limits?: QueryLimits } = {}): Promise<{ app: INestApplication; url: string }> {
  const settings = options.settings ?? { apiKeys: Object.entries(KEY_OF).map(([role, key]) => ({ key, role: role as OrdoRole })) };
  @Global()
  @Module({
    providers: [
      { provide: ORDO_ENGINE, useValue: refusingEngine },
      { provide: ORDO_QUERY_ENGINE, useValue: refusingEngine },
      { provide: ORDO_READ_MODELS, useValue: refusingEngine },
      { provide: QUERY_LIMITS, useValue: options.limits ?? DEFAULT_QUERY_LIMITS },
      { provide: API_LIMITS, useValue: DEFAULT_API_LIMITS },
      { provide: API_INTERNAL_ERROR_SINK, useValue: () => undefined },
      { provide: AUTHENTICATOR, useFactory: () => Authenticator.create(settings) },
    ],
    exports: [ORDO_ENGINE, ORDO_QUERY_ENGINE, ORDO_READ_MODELS, QUERY_LIMITS, API_LIMITS, API_INTERNAL_ERROR_SINK, AUTHENTICATOR],
  })
  class TestDepsModule {}
  @Module({
    imports: [
      TestDepsModule,
      GraphQLModule.forRootAsync<ApolloDriverConfig>({
        driver: ApolloDriver, inject: [AUTHENTICATOR],
        useFactory: (authenticator: Authenticator) => ordoGraphqlConfig({ introspection: options.introspection ?? true, authenticator, limits: options.limits }),
      }),
      OrdoApiModule,
    ],
  })
  class TestAppModule {}
  const app = await NestFactory.create(TestAppModule, { logger: ['error'], abortOnError: false });
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number };
  return { app, url: `http://127.0.0.1:${address.port}/graphql` };
}

/** POSTs a GraphQL document with an optional bearer credential. */
export async function gql(url: string, query: string, bearer?: string): Promise<{ status: number; body: { data?: unknown; errors?: Array<{ message: string; extensions?: { code?: string } }> } }> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (bearer !== undefined) headers.authorization = `Bearer ${bearer}`;
  const res = await fetch(url, { method: 'POST', headers, body: JSON.stringify({ query }) });
  return { status: res.status, body: (await res.json()) as never };
}

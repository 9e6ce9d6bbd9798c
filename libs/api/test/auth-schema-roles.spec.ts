import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { INestApplication } from '@nestjs/common';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import {
  getNamedType, isCompositeType, isEnumType, isInputObjectType, isListType, isNonNullType, isScalarType,
  type GraphQLField, type GraphQLInputType,
} from 'graphql';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { ORDO_API_ROLES, type OrdoRole } from '@ordo/api';
import { KEY_OF, gql, startApi } from './auth-support';

/**
 * The intended policy, written independently of the `@Roles` decorators. Mutations must be listed
 * here (a new mutation fails until someone decides who may call it); every Query and Subscription
 * field is for readers. A field whose resolver lacks `@Roles` is refused to everyone and fails.
 */
const MUTATION_ROLES: Readonly<Record<string, readonly OrdoRole[]>> = {
  deployFlow: ['operator'], startExecution: ['operator'], stopExecution: ['operator'], redriveExecution: ['operator'],
  reportTaskSucceeded: ['worker', 'operator'], reportTaskFailed: ['worker', 'operator'], reportTaskHeartbeat: ['worker', 'operator'],
  sendTaskSuccess: ['worker', 'operator'], sendTaskFailure: ['worker', 'operator'], sendTaskHeartbeat: ['worker', 'operator'],
};

/** Who holds a declared role: operators are readers too, admins are everyone. */
function holders(required: readonly OrdoRole[]): Set<OrdoRole> {
  const out = new Set<OrdoRole>(['admin', ...required]);
  if (required.includes('reader')) out.add('operator');
  return out;
}

function expectedRoles(type: string, field: string): Set<OrdoRole> {
  if (type !== 'Mutation') return holders(['reader']);
  const declared = MUTATION_ROLES[field];
  assert.ok(declared !== undefined, `Mutation.${field} is not in the test's role table: decide who may call it and add it`);
  return holders(declared);
}

function literal(type: GraphQLInputType): string {
  if (isNonNullType(type)) return literal(type.ofType);
  if (isListType(type)) return `[${literal(type.ofType)}]`;
  if (isEnumType(type)) return type.getValues()[0].name;
  if (isInputObjectType(type)) {
    const required = Object.values(type.getFields()).filter((f) => isNonNullType(f.type));
    return `{${required.map((f) => `${f.name}: ${literal(f.type)}`).join(', ')}}`;
  }
  if (isScalarType(type) && (type.name === 'Int' || type.name === 'Float')) return '1';
  if (isScalarType(type) && type.name === 'Boolean') return 'true';
  if (isScalarType(type) && type.name === 'JSON') return '{}';
  return '"x"';
}

function documentFor(kind: 'query' | 'mutation' | 'subscription', field: GraphQLField<unknown, unknown>): string {
  const args = field.args.filter((a) => isNonNullType(a.type)).map((a) => `${a.name}: ${literal(a.type)}`);
  const selection = isCompositeType(getNamedType(field.type)) ? ' { __typename }' : '';
  return `${kind} { ${field.name}${args.length > 0 ? `(${args.join(', ')})` : ''}${selection} }`;
}

/** First error code a subscription gets (or 'none' when it was accepted and delivered or completed). */
function subscribeOnce(url: string, key: string, query: string): Promise<string> {
  const client = createClient({ url: url.replace('http', 'ws'), webSocketImpl: WebSocket, connectionParams: { Authorization: `Bearer ${key}` }, retryAttempts: 0, lazy: true });
  return new Promise<string>((resolve) => {
    const timer = setTimeout(() => { dispose(); resolve('none'); }, 2000);
    const dispose = client.subscribe({ query }, {
      next: (msg) => { clearTimeout(timer); dispose(); resolve(String(msg.errors?.[0]?.extensions?.code ?? 'none')); },
      error: (err) => { clearTimeout(timer); dispose(); resolve(String((err as Array<{ extensions?: { code?: string } }>)[0]?.extensions?.code ?? 'error')); },
      complete: () => { clearTimeout(timer); resolve('none'); },
    });
  }).finally(() => client.dispose());
}

describe('auth: every schema field × role', () => {
  let app: INestApplication;
  let url: string;
  before(async () => ({ app, url } = await startApi()));
  after(() => app?.close());

  test('each Query, Mutation and Subscription field is reachable exactly by the roles the policy names', async () => {
    const { schema } = app.get(GraphQLSchemaHost);
    const roots = [['query', schema.getQueryType()], ['mutation', schema.getMutationType()], ['subscription', schema.getSubscriptionType()]] as const;
    let checked = 0;
    for (const [kind, root] of roots) {
      if (!root) continue;
      for (const field of Object.values(root.getFields())) {
        const expected = expectedRoles(root.name, field.name);
        const document = documentFor(kind, field);
        for (const role of ORDO_API_ROLES) {
          const code = kind === 'subscription'
            ? await subscribeOnce(url, KEY_OF[role], document)
            : (await gql(url, document, KEY_OF[role])).body.errors?.[0]?.extensions?.code ?? 'none';
          assert.notEqual(code, 'UNAUTHENTICATED', `${root.name}.${field.name} did not recognise the ${role} key`);
          assert.equal(code !== 'FORBIDDEN', expected.has(role), `${root.name}.${field.name} as ${role}: got ${code}`);
          checked++;
        }
      }
    }
    assert.ok(checked >= 11 * ORDO_API_ROLES.length, `only ${checked} field × role pairs were checked`);
  });

  test('without a credential every field is 401 UNAUTHENTICATED, introspection included', async () => {
    for (const query of ['{ __schema { queryType { name } } }', 'mutation { deployFlow(name: "a", definition: "b") { name } }']) {
      const res = await gql(url, query);
      assert.equal(res.status, 401);
      assert.equal(res.body.errors?.[0]?.extensions?.code, 'UNAUTHENTICATED');
      assert.equal(res.body.data ?? null, null);
    }
    const wrong = await gql(url, '{ __typename }', 'not-a-key-of-this-server');
    assert.equal(wrong.status, 401);
  });
});

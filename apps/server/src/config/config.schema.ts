import { TRIGGERS_CONFIG_SCHEMA } from '@ordo/runtime';
import { ORDO_ROLES } from './roles';

const positiveInt = { type: 'integer', minimum: 1 };
const bytes = { type: 'integer', minimum: 1024, maximum: 64 * 1024 * 1024 };

/** JSON Schema of `ordo.config.yaml` (every key optional; unknown keys are errors). */
export const CONFIG_FILE_SCHEMA = {
  $id: 'https://ordo.dev/schema/ordo.config.json',
  type: 'object',
  additionalProperties: false,
  properties: {
    ...TRIGGERS_CONFIG_SCHEMA,
    dataDir: { type: 'string', minLength: 1 },
    server: {
      type: 'object',
      additionalProperties: false,
      properties: {
        host: { type: 'string', minLength: 1 },
        port: { type: 'integer', minimum: 0, maximum: 65535 },
      },
    },
    roles: {
      oneOf: [
        { type: 'string', pattern: `^(all|(${ORDO_ROLES.join('|')})(,(${ORDO_ROLES.join('|')}))*)$` },
        { type: 'array', minItems: 1, uniqueItems: true, items: { enum: ['all', ...ORDO_ROLES] } },
      ],
    },
    resources: {
      type: 'object',
      propertyNames: { pattern: '^(acs:fc:|acs:mns:|action:)' },
      additionalProperties: { type: 'string', pattern: '^(https?://|local:|kafka:)' },
    },
    handlers: { type: 'array', items: { type: 'string', minLength: 1 } },
    examples: {
      type: 'object',
      additionalProperties: false,
      properties: { deploy: { type: 'boolean' }, dir: { type: 'string', minLength: 1 } },
    },
    limits: {
      type: 'object',
      additionalProperties: false,
      properties: { requestBodyBytes: bytes, definitionBytes: bytes, inputBytes: bytes, outputBytes: bytes },
    },
    durability: {
      type: 'object',
      additionalProperties: false,
      properties: { sqliteSynchronous: { enum: ['full', 'normal'] } },
    },
    log: {
      type: 'object',
      additionalProperties: false,
      properties: { level: { enum: ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'] } },
    },
    api: {
      type: 'object',
      additionalProperties: false,
      properties: {
        showTaskTokensInHistory: { type: 'boolean' },
        introspection: { type: 'boolean' },
        ide: { type: 'boolean' },
        maxQueryDepth: { type: 'integer', minimum: 1, maximum: 100 },
        maxQueryComplexity: { type: 'integer', minimum: 1, maximum: 10_000_000 },
        maxPageSize: { type: 'integer', minimum: 1, maximum: 100_000 },
        defaultPageSize: { type: 'integer', minimum: 1, maximum: 100_000 },
      },
    },
    auth: {
      type: 'object',
      additionalProperties: false,
      properties: {
        jwt: {
          type: 'object',
          additionalProperties: false,
          properties: { issuer: { type: 'string', minLength: 1 }, audience: { type: 'string', minLength: 1 }, rolesClaim: { type: 'string', minLength: 1 } },
        },
      },
    },
    shutdown: {
      type: 'object',
      additionalProperties: false,
      properties: { timeoutSeconds: positiveInt },
    },
  },
} as const;

/** The shape CONFIG_FILE_SCHEMA accepts. */
export interface ConfigFile {
  /** Kafka triggers and schedules (`parseTriggersConfig` reads them). */
  triggers?: unknown;
  schedules?: unknown;
  dataDir?: string;
  server?: { host?: string; port?: number };
  roles?: string | string[];
  resources?: Record<string, string>;
  handlers?: string[];
  examples?: { deploy?: boolean; dir?: string };
  limits?: { requestBodyBytes?: number; definitionBytes?: number; inputBytes?: number; outputBytes?: number };
  durability?: { sqliteSynchronous?: 'full' | 'normal' };
  log?: { level?: string };
  api?: {
    showTaskTokensInHistory?: boolean; introspection?: boolean; ide?: boolean;
    maxQueryDepth?: number; maxQueryComplexity?: number; maxPageSize?: number; defaultPageSize?: number;
  };
  auth?: { jwt?: { issuer?: string; audience?: string; rolesClaim?: string } };
  shutdown?: { timeoutSeconds?: number };
}

import { join } from 'node:path';
import { READ_MODELS_FILE } from '@ordo/read-models';
import { ConfigError } from '../config/config-error';
import type { OrdoConfig } from '../config/ordo-config';

/** Where the views live. */
export type ViewsConfig =
  | { readonly kind: 'sqlite'; readonly filename: string }
  | { readonly kind: 'postgres'; readonly connectionString: string; readonly schema?: string };

/** Which bus carries the events from the relay to the projector. */
export type EventsBusConfig = { readonly kind: 'local' } | { readonly kind: 'kafka'; readonly brokers: string };

/** The read side's settings: views store, bus, topic and group, and which of its roles run here. */
export interface ReadSideConfig {
  readonly views: ViewsConfig;
  readonly bus: EventsBusConfig;
  readonly eventsTopic?: string;
  readonly projectorGroup?: string;
  /** Partitions of the events topic when this process creates it (Kafka only). */
  readonly eventsPartitions: number;
  /** Consumer-group members of this process's projector (their deliveries share transactions). */
  readonly projectorMembers: number;
  readonly relay: boolean;
  readonly projector: boolean;
}

const SCHEMA = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * Reads the read side's variables: `ORDO_READ_DB` (`postgres://…`; SQLite under the data dir when
 * absent), `ORDO_READ_SCHEMA`, `ORDO_KAFKA_BROKERS` (the local bus when absent),
 * `ORDO_EVENTS_TOPIC`, `ORDO_PROJECTOR_GROUP`, `ORDO_EVENTS_PARTITIONS` and `ORDO_PROJECTOR_MEMBERS`
 * (default 3 on Kafka, 1 on the in-process bus). A bad value names the variable.
 */
export function readSideConfig(config: Pick<OrdoConfig, 'dataDir' | 'roles'>, env: NodeJS.ProcessEnv): ReadSideConfig {
  const get = (name: string): string | undefined => (env[name] === undefined || env[name] === '' ? undefined : env[name]);
  const bus: EventsBusConfig = get('ORDO_KAFKA_BROKERS') ? { kind: 'kafka', brokers: get('ORDO_KAFKA_BROKERS') as string } : { kind: 'local' };
  const relay = config.roles.includes('relay');
  const projector = config.roles.includes('projector');
  if (bus.kind === 'local' && relay !== projector) {
    throw new ConfigError(`ORDO_ROLES has ${relay ? 'relay' : 'projector'} without ${relay ? 'projector' : 'relay'}, `
      + 'but without ORDO_KAFKA_BROKERS both must run in one process (the in-process bus connects them).');
  }
  return {
    views: viewsConfig(get('ORDO_READ_DB'), get('ORDO_READ_SCHEMA'), config.dataDir),
    bus,
    eventsTopic: get('ORDO_EVENTS_TOPIC'),
    projectorGroup: get('ORDO_PROJECTOR_GROUP'),
    eventsPartitions: intVar('ORDO_EVENTS_PARTITIONS', get('ORDO_EVENTS_PARTITIONS'), 12, 1000),
    projectorMembers: bus.kind === 'local' ? 1 : intVar('ORDO_PROJECTOR_MEMBERS', get('ORDO_PROJECTOR_MEMBERS'), 3, 32),
    relay,
    projector,
  };
}

function viewsConfig(url: string | undefined, schema: string | undefined, dataDir: string): ViewsConfig {
  if (url === undefined) return { kind: 'sqlite', filename: join(dataDir, READ_MODELS_FILE) };
  if (!/^postgres(ql)?:\/\//.test(url)) {
    throw new ConfigError('ORDO_READ_DB must be a postgres:// or postgresql:// URL (leave it unset for SQLite under the data directory).');
  }
  if (schema !== undefined && !SCHEMA.test(schema)) {
    throw new ConfigError(`ORDO_READ_SCHEMA must match ${SCHEMA.source}, got ${JSON.stringify(schema)}.`);
  }
  return { kind: 'postgres', connectionString: url, ...(schema ? { schema } : {}) };
}

function intVar(name: string, raw: string | undefined, fallback: number, max: number): number {
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || n < 1 || n > max) throw new ConfigError(`${name} must be an integer from 1 to ${max}, got ${JSON.stringify(raw)}.`);
  return n;
}

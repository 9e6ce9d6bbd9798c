import { ConfigError } from '../config/config-error';
import type { OrdoRole } from '../config/ordo-config';

/** Where the log lives. */
export type StoreConfig = { readonly kind: 'sqlite' } | { readonly kind: 'esdb'; readonly url: string };

/** How this process is deployed: store, bus and the roles that need the engine. */
export interface DeploymentConfig {
  readonly store: StoreConfig;
  /** Kafka brokers (comma-separated) or undefined for the in-process bus (embedded). */
  readonly kafkaBrokers?: string;
  /** Partitions of `ordo.commands.v1` when this process creates it. */
  readonly commandPartitions: number;
  /** Whether this process owns command partitions (the `engine` role on Kafka). */
  readonly ownsPartitions: boolean;
}

/**
 * Reads `ORDO_STORE` (`sqlite`, default, or `esdb` with `ORDO_ESDB_URL`), `ORDO_KAFKA_BROKERS` and
 * `ORDO_COMMAND_PARTITIONS` (default 12). Without Kafka every role that touches executions must run
 * in one process with the engine, since nothing else would carry commands between processes.
 */
export function deploymentConfig(roles: readonly OrdoRole[], env: NodeJS.ProcessEnv): DeploymentConfig {
  const get = (name: string): string | undefined => (env[name] === undefined || env[name] === '' ? undefined : env[name]);
  const kind = get('ORDO_STORE') ?? 'sqlite';
  if (kind !== 'sqlite' && kind !== 'esdb') throw new ConfigError(`ORDO_STORE must be sqlite or esdb, got ${JSON.stringify(kind)}.`);
  const url = get('ORDO_ESDB_URL');
  if (kind === 'esdb' && (url === undefined || !/^(esdb|esdb\+discover|kurrentdb|kurrent):\/\//.test(url))) {
    throw new ConfigError('ORDO_STORE=esdb needs ORDO_ESDB_URL, an esdb:// connection string (e.g. esdb://localhost:2113?tls=false).');
  }
  const kafkaBrokers = get('ORDO_KAFKA_BROKERS');
  const partitions = get('ORDO_COMMAND_PARTITIONS') ?? '12';
  if (!/^\d+$/.test(partitions) || Number(partitions) < 1 || Number(partitions) > 1000) {
    throw new ConfigError(`ORDO_COMMAND_PARTITIONS must be an integer from 1 to 1000, got ${JSON.stringify(partitions)}.`);
  }
  const needsEngine = roles.includes('api') || roles.includes('triggers');
  if (kafkaBrokers === undefined && needsEngine && !roles.includes('engine')) {
    throw new ConfigError('ORDO_ROLES has api or triggers without engine, but without ORDO_KAFKA_BROKERS they must run with the engine in one process.');
  }
  return {
    store: kind === 'esdb' ? { kind, url: url as string } : { kind },
    ...(kafkaBrokers !== undefined ? { kafkaBrokers } : {}),
    commandPartitions: Number(partitions),
    ownsPartitions: kafkaBrokers !== undefined && roles.includes('engine'),
  };
}

import { dirname, isAbsolute, resolve } from 'node:path';
import type { ConfigFile } from './config.schema';
import { ConfigError } from './config-error';
import { readEnvSettings, rolesVar } from './env-config';
import { isLoopback, type LogLevel, type OrdoConfig } from './ordo-config';
import { readConfigFile } from './read-config-file';
import { readTriggersSection } from '../roles/triggers-section';
import { checkListenerSecurity, readAuthSettings } from '../auth/auth-config';
import { readGraphqlSettings } from '../auth/graphql-config';

/** The repository root (for the bundled `examples/`), independent of the working directory. */
export const REPO_ROOT = resolve(__dirname, '..', '..', '..', '..');

const MIB = 1024 * 1024;

/**
 * Builds the server configuration: defaults, then `ordo.config.yaml` (path `ORDO_CONFIG`,
 * default `./ordo.config.yaml`), then `ORDO_*` variables. Relative paths in the file resolve
 * against the file's directory, those from variables against `cwd`. Throws ConfigError.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): OrdoConfig {
  const vars = readEnvSettings(env);
  const configFile = resolve(cwd, vars.configFile ?? 'ordo.config.yaml');
  const read = readConfigFile(configFile, vars.configFile !== undefined);
  const file: ConfigFile = read ?? {};
  const fileDir = dirname(configFile);
  const fromFile = (p: string | undefined) => (p === undefined ? undefined : resolveFrom(fileDir, p));
  const host = vars.host ?? file.server?.host ?? '127.0.0.1';
  const config: OrdoConfig = {
    configFile: read === undefined ? undefined : configFile,
    dataDir: vars.dataDir !== undefined ? resolveFrom(cwd, vars.dataDir) : fromFile(file.dataDir) ?? resolve(cwd, 'data'),
    host,
    port: vars.port ?? file.server?.port ?? 3000,
    roles: vars.roles ?? rolesVar(Array.isArray(file.roles) ? file.roles.join(',') : file.roles) ?? rolesVar('all')!,
    resources: { ...(file.resources ?? {}) },
    handlerModules: vars.handlerModules?.map((m) => resolveFrom(cwd, m)) ?? (file.handlers ?? []).map((m) => resolveFrom(fileDir, m)),
    examples: {
      deploy: vars.deployExamples ?? file.examples?.deploy ?? true,
      dir: fromFile(file.examples?.dir) ?? resolve(REPO_ROOT, 'examples'),
    },
    limits: {
      requestBodyBytes: vars.requestBodyBytes ?? file.limits?.requestBodyBytes ?? MIB,
      definitionBytes: file.limits?.definitionBytes ?? 256 * 1024,
      inputBytes: file.limits?.inputBytes ?? 32 * 1024,
      outputBytes: file.limits?.outputBytes ?? 32 * 1024,
    },
    sqliteSynchronous: vars.sqliteSynchronous ?? file.durability?.sqliteSynchronous ?? 'full',
    tokenSecret: vars.tokenSecret,
    logLevel: (vars.logLevel ?? file.log?.level ?? 'info') as LogLevel,
    showTaskTokensInHistory: vars.showTaskTokensInHistory ?? file.api?.showTaskTokensInHistory ?? isLoopback(host),
    triggers: readTriggersSection(file, configFile),
    shutdownTimeoutMs: 1000 * (vars.shutdownTimeoutSeconds ?? file.shutdown?.timeoutSeconds ?? 10),
    auth: readAuthSettings(env, file, cwd),
    graphql: readGraphqlSettings(env, file, isLoopback(host)),
  };
  checkListenerSecurity(host, isLoopback(host), config.auth);
  checkResources(config, configFile);
  checkLimits(config, configFile);
  return config;
}

function resolveFrom(base: string, p: string): string {
  return isAbsolute(p) ? p : resolve(base, p);
}

/** `acs:mns` resources go to Kafka topics; `acs:fc` and `action:` go to HTTP or local handlers. */
function checkResources(config: OrdoConfig, file: string): void {
  for (const [key, target] of Object.entries(config.resources)) {
    const toKafka = target.startsWith('kafka:');
    if (key.startsWith('acs:mns:') !== toKafka) {
      const want = toKafka ? 'only acs:mns resources may map to kafka:' : 'acs:mns resources must map to "kafka:TOPIC"';
      throw new ConfigError(`${file}: resources[${JSON.stringify(key)}] maps to ${JSON.stringify(target)}, but ${want}.`);
    }
    if (/^local:$|^kafka:$/.test(target)) {
      throw new ConfigError(`${file}: resources[${JSON.stringify(key)}] maps to ${JSON.stringify(target)}, which has no name after the colon.`);
    }
  }
}

function checkLimits(config: OrdoConfig, file: string): void {
  const { requestBodyBytes, definitionBytes, inputBytes, outputBytes } = config.limits;
  const largest = Math.max(definitionBytes, inputBytes, outputBytes);
  if (largest > requestBodyBytes) {
    throw new ConfigError(`${file}: limits.requestBodyBytes (${requestBodyBytes}) must be at least the largest of definitionBytes, inputBytes and outputBytes (${largest}).`);
  }
}

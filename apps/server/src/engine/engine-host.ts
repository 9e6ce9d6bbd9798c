import { mkdirSync } from 'node:fs';
import { Engine, HmacTokenService, type EventStore } from '@ordo/runtime';
import type { Logger as Pino } from 'pino';
import type { OrdoConfig } from '../config/ordo-config';
import { resolveTokenSecret } from '../config/token-secret';
import { toRuntimeLogger } from '../logging/logger';
import { RoleWiring } from '../roles/role-wiring';
import { deployExampleFlows } from './example-flows';
import { handlerModulePaths, loadHandlerModules } from './handler-modules';
import { toRuntimeResourceMap } from './resource-mappings';
import { RuntimeEngineApi } from './runtime-engine-api';

/** Injection token of the EngineHost. */
export const ENGINE_HOST = Symbol('ENGINE_HOST');

export { EVENT_STORE_FILE } from '../roles/role-wiring';

/** What `/health` reports. */
export type StoreProbe = { ok: true; headPosition: number } | { ok: false; reason: string };

/**
 * Owns the embedded deployment's engine and store: opens them, starts recovery and deploys the
 * examples, answers health probes, and closes both (engine first, so in-flight commands finish).
 */
export class EngineHost {
  private closed = false;

  private constructor(
    readonly store: EventStore,
    readonly engine: Engine,
    readonly api: RuntimeEngineApi,
    private readonly config: OrdoConfig,
    private readonly log: Pino,
    private readonly wiring: RoleWiring,
  ) {}

  /** Opens the store and builds the engine with the configured resources, handlers and token secret. */
  static async open(config: OrdoConfig, log: Pino): Promise<EngineHost> {
    mkdirSync(config.dataDir, { recursive: true });
    const handlers = await loadHandlerModules(handlerModulePaths(config));
    const tokens = new HmacTokenService(resolveTokenSecret(config.tokenSecret, config.dataDir));
    const wiring = await RoleWiring.open(config, log);
    const store = wiring.store;
    const engine = new Engine({
      store, tokens, handlers, resources: toRuntimeResourceMap(config.resources), logger: toRuntimeLogger(log),
      maxPayloadBytes: Math.max(config.limits.inputBytes, config.limits.outputBytes), ...wiring.engineOptions(),
    });
    const api = new RuntimeEngineApi(engine, tokens, { showTaskTokensInHistory: config.showTaskTokensInHistory });
    return new EngineHost(store, engine, api, config, log, wiring);
  }

  /** Starts the engine as the roles say (recovery, or partition ownership), then deploys the example flows when configured. */
  async start(): Promise<void> {
    await this.wiring.start(this.engine);
    if (this.config.examples.deploy) await deployExampleFlows(this.engine, this.config.examples.dir, this.log);
  }

  /** Whether the store answers (a head-position read). */
  async probe(): Promise<StoreProbe> {
    if (this.closed) return { ok: false, reason: 'the server is shutting down' };
    try {
      return { ok: true, headPosition: await this.store.headPosition() };
    } catch (e) {
      return { ok: false, reason: (e as Error).message };
    }
  }

  /** Stops the engine (waits for in-flight commands), then closes the store. Idempotent. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    try {
      await this.wiring.stop();
      await this.engine.close();
    } finally {
      await this.wiring.close();
      this.log.info('engine stopped and event store closed');
    }
  }
}

import { Global, Inject, Injectable, Module, type BeforeApplicationShutdown, type DynamicModule, type OnApplicationBootstrap } from '@nestjs/common';
import type { EventStore } from '@ordo/runtime';
import type { Logger as Pino } from 'pino';
import { ORDO_CONFIG, type OrdoConfig } from '../config/ordo-config';
import { EVENT_STORE } from '../engine/engine-tokens';
import { PINO_LOGGER } from '../logging/logger';
import { readSideConfig } from './read-side-config';
import { READ_MODEL_STORE, READ_SIDE, ReadSideHost } from './read-side-host';
import { QUERY_BINDINGS, QUERY_BINDING_TOKENS } from './query-bindings';

/**
 * Starts the read side after the modules are initialised and stops it before the engine module
 * closes the event store (`beforeApplicationShutdown` runs before every `onApplicationShutdown`).
 */
@Injectable()
export class ReadSideLifecycle implements OnApplicationBootstrap, BeforeApplicationShutdown {
  constructor(@Inject(READ_SIDE) private readonly host: ReadSideHost) {}

  onApplicationBootstrap(): Promise<void> {
    return this.host.start();
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.host.stop();
  }
}

/**
 * The read side (ARCHITECTURE §5): relay → bus → projector → views. Exports `READ_SIDE` (the host,
 * with `projectorLag()`) and `READ_MODEL_STORE` (the views, for the query side); global, so any module can inject them.
 */
@Global()
@Module({})
export class ReadSideModule {
  static forRoot(env: NodeJS.ProcessEnv = process.env): DynamicModule {
    return {
      module: ReadSideModule,
      providers: [
        {
          provide: READ_SIDE,
          inject: [ORDO_CONFIG, EVENT_STORE, PINO_LOGGER],
          useFactory: (config: OrdoConfig, store: EventStore, log: Pino) =>
            ReadSideHost.open(readSideConfig(config, env), store, log.child({ component: 'read-side' })),
        },
        { provide: READ_MODEL_STORE, inject: [READ_SIDE], useFactory: (host: ReadSideHost) => host.views },
        ReadSideLifecycle,
        ...QUERY_BINDINGS,
      ],
      exports: [READ_SIDE, READ_MODEL_STORE, ...QUERY_BINDING_TOKENS],
    };
  }
}

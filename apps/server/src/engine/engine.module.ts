import { Global, Inject, Injectable, Module, type DynamicModule, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { API_INTERNAL_ERROR_SINK, ORDO_ENGINE, type InternalErrorSink } from '@ordo/api';
import type { Logger as Pino } from 'pino';
import { ORDO_CONFIG, type OrdoConfig } from '../config/ordo-config';
import { PINO_LOGGER } from '../logging/logger';
import { ENGINE_HOST, EngineHost } from './engine-host';
import { EVENT_STORE, ORDO_RUNTIME } from './engine-tokens';

/** Starts the engine before the server listens and stops it after the server stopped accepting requests. */
@Injectable()
export class EngineLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(@Inject(ENGINE_HOST) private readonly host: EngineHost) {}

  onApplicationBootstrap(): Promise<void> {
    return this.host.start();
  }

  onApplicationShutdown(): Promise<void> {
    return this.host.close();
  }
}

/** The embedded engine: SQLite event store, `@ordo/runtime` Engine, and the API's view of it. */
@Global()
@Module({})
export class EngineModule {
  static forRoot(log: Pino): DynamicModule {
    const sink: InternalErrorSink = (error, operation) =>
      log.error({ operation, err: error instanceof Error ? { message: error.message, stack: error.stack } : String(error) }, 'request failed');
    return {
      module: EngineModule,
      providers: [
        { provide: PINO_LOGGER, useValue: log },
        { provide: API_INTERNAL_ERROR_SINK, useValue: sink },
        { provide: ENGINE_HOST, inject: [ORDO_CONFIG], useFactory: (config: OrdoConfig) => EngineHost.open(config, log) },
        { provide: EVENT_STORE, inject: [ENGINE_HOST], useFactory: (host: EngineHost) => host.store },
        { provide: ORDO_RUNTIME, inject: [ENGINE_HOST], useFactory: (host: EngineHost) => host.engine },
        { provide: ORDO_ENGINE, inject: [ENGINE_HOST], useFactory: (host: EngineHost) => host.api },
        EngineLifecycle,
      ],
      exports: [PINO_LOGGER, API_INTERNAL_ERROR_SINK, ENGINE_HOST, EVENT_STORE, ORDO_RUNTIME, ORDO_ENGINE],
    };
  }
}

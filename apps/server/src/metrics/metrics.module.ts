import { Inject, Injectable, Module, type MiddlewareConsumer, type NestModule, type OnModuleInit } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import type { Engine, EventStore } from '@ordo/runtime';
import { EVENT_STORE, ORDO_RUNTIME } from '../engine/engine-tokens';
import { recordFiredTimer, recordHandledCommand, timeStoreAppends } from './engine-metrics';
import { GraphqlMetricsInterceptor } from './graphql-metrics.interceptor';
import { HttpMetricsMiddleware } from './http-metrics.middleware';
import { MetricsController } from './metrics.controller';
import { ORDO_METRICS, OrdoMetrics } from './ordo-metrics';

/** Connects the metrics to the engine (command and timer observers) and the event store (append timing). */
@Injectable()
export class EngineMetricsBinding implements OnModuleInit {
  constructor(
    @Inject(ORDO_METRICS) private readonly metrics: OrdoMetrics,
    @Inject(ORDO_RUNTIME) private readonly engine: Engine,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  onModuleInit(): void {
    this.engine.onCommandHandled((handled) => recordHandledCommand(this.metrics, handled));
    this.engine.onTimerFired((fired) => recordFiredTimer(this.metrics, fired));
    timeStoreAppends(this.metrics, this.store);
  }
}

/** Prometheus metrics: `GET /metrics`, HTTP and GraphQL request metrics, engine and store metrics. */
@Module({
  controllers: [MetricsController],
  providers: [
    { provide: ORDO_METRICS, useFactory: () => new OrdoMetrics() },
    { provide: APP_INTERCEPTOR, useClass: GraphqlMetricsInterceptor },
    EngineMetricsBinding,
  ],
})
export class MetricsModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(HttpMetricsMiddleware).forRoutes('*');
  }
}

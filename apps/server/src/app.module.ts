import { Module, type DynamicModule } from '@nestjs/common';
import type { Logger as Pino } from 'pino';
import { AuthModule } from './auth/auth.module';
import { ConfigModule } from './config/config.module';
import type { OrdoConfig } from './config/ordo-config';
import { EngineModule } from './engine/engine.module';
import { OrdoGraphqlModule } from './graphql/graphql.module';
import { HealthModule } from './health/health.module';
import { MetricsModule } from './metrics/metrics.module';
import { ReadSideModule } from './read-side/read-side.module';
import { WebhooksModule } from './webhooks/webhooks.module';

/** The Ordo server: every role in one process on the embedded adapters. */
@Module({})
export class AppModule {
  static forRoot(config: OrdoConfig, log: Pino): DynamicModule {
    return {
      module: AppModule,
      imports: [ConfigModule.forRoot(config), AuthModule.forRoot(config), EngineModule.forRoot(log), OrdoGraphqlModule.forRoot(config), WebhooksModule, HealthModule, ReadSideModule.forRoot(), MetricsModule],
    };
  }
}

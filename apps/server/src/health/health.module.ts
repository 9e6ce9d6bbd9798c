import { Module } from '@nestjs/common';
import { HealthController } from './health.controller';

/** Liveness and store health. */
@Module({ controllers: [HealthController] })
export class HealthModule {}

import { Controller, Get, HttpException, Inject } from '@nestjs/common';
import { Public } from '@ordo/api';
import { ENGINE_HOST, type EngineHost } from '../engine/engine-host';

/** `GET /health`: 200 while the event store answers, 503 otherwise (or while shutting down). */
@Public()
@Controller('health')
export class HealthController {
  constructor(@Inject(ENGINE_HOST) private readonly host: EngineHost) {}

  @Get()
  async health(): Promise<{ status: 'ok'; headPosition: number }> {
    const probe = await this.host.probe();
    if (!probe.ok) throw new HttpException({ status: 'unavailable', reason: probe.reason }, 503);
    return { status: 'ok', headPosition: probe.headPosition };
  }
}

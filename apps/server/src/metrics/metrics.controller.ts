import { Controller, Get, Header, Inject, Optional } from '@nestjs/common';
import { Roles } from '@ordo/api';
import { READ_SIDE, type ReadSideHost } from '../read-side/read-side-host';
import { ORDO_METRICS, type OrdoMetrics } from './ordo-metrics';

/**
 * `GET /metrics` in Prometheus text format. Open when no credentials are configured; otherwise
 * it needs a reader, operator or admin credential, or the metrics token (docs/security.md).
 */
@Controller('metrics')
export class MetricsController {
  constructor(
    @Inject(ORDO_METRICS) private readonly metrics: OrdoMetrics,
    @Optional() @Inject(READ_SIDE) private readonly readSide?: ReadSideHost,
  ) {}

  @Roles('reader', 'metrics')
  @Get()
  @Header('content-type', 'text/plain; version=0.0.4; charset=utf-8')
  async scrape(): Promise<string> {
    if (this.readSide !== undefined) {
      const lag = await this.readSide.projectorLag().catch(() => undefined);
      if (lag !== undefined) this.metrics.projectorLag.set(lag);
    }
    return this.metrics.registry.metrics();
  }
}

import { Inject, Injectable, type NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { ORDO_METRICS, type OrdoMetrics } from './ordo-metrics';

/** Routes with bounded label values; anything else is counted as `other` (no label explosion). */
const KNOWN_ROUTES = ['/graphql', '/health', '/metrics', '/tasks/succeeded', '/tasks/failed', '/tasks/heartbeat'];

/** Counts and times every HTTP request by method, route and status. */
@Injectable()
export class HttpMetricsMiddleware implements NestMiddleware {
  constructor(@Inject(ORDO_METRICS) private readonly metrics: OrdoMetrics) {}

  use(req: Request, res: Response, next: NextFunction): void {
    const end = this.metrics.httpDuration.startTimer();
    const path = req.originalUrl.split('?')[0];
    const route = KNOWN_ROUTES.includes(path) ? path : 'other';
    res.on('finish', () => {
      end({ method: req.method, route });
      this.metrics.httpRequests.inc({ method: req.method, route, status: String(res.statusCode) });
    });
    next();
  }
}

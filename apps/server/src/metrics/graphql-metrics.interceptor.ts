import { Inject, Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { GqlExecutionContext, type GqlContextType } from '@nestjs/graphql';
import { tap, type Observable } from 'rxjs';
import { ORDO_METRICS, type OrdoMetrics } from './ordo-metrics';

/** Counts and times top-level GraphQL fields (queries, mutations, subscriptions) by outcome. */
@Injectable()
export class GraphqlMetricsInterceptor implements NestInterceptor {
  constructor(@Inject(ORDO_METRICS) private readonly metrics: OrdoMetrics) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType<GqlContextType>() !== 'graphql') return next.handle();
    const info = GqlExecutionContext.create(context).getInfo<{ parentType: { name: string }; fieldName: string }>();
    const labels = { type: info.parentType.name, field: info.fieldName };
    const end = this.metrics.graphqlDuration.startTimer(labels);
    return next.handle().pipe(tap({
      next: () => { end(); this.metrics.graphqlOperations.inc({ ...labels, outcome: 'ok' }); },
      error: () => { end(); this.metrics.graphqlOperations.inc({ ...labels, outcome: 'error' }); },
    }));
  }
}

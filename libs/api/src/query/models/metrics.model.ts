import { Field, Float, Int, ObjectType } from '@nestjs/graphql';

@ObjectType('DurationStats', { description: 'Duration percentiles in milliseconds; null when nothing was measured in the window.' })
export class DurationStatsModel {
  @Field(() => Int) count!: number;
  @Field(() => Float, { nullable: true }) p50!: number | null;
  @Field(() => Float, { nullable: true }) p95!: number | null;
  @Field(() => Float, { nullable: true }) p99!: number | null;
}

@ObjectType('StepMetrics')
export class StepMetricsModel {
  @Field(() => String) stepName!: string;
  @Field(() => String, { description: 'Step path; foreach iterations share iteration[*].' }) path!: string;
  @Field(() => DurationStatsModel) duration!: DurationStatsModel;
  @Field(() => Int, {
    nullable: true,
    description: 'A starting point for the step timeoutSeconds: ceil(1.5 × p95) seconds (a 50 % margin over the measured p95), at least 1; null without measurements.',
  }) suggestedTimeoutSeconds!: number | null;
}

@ObjectType('FlowMetrics', { description: 'All-time counters of a flow and duration percentiles over a window.' })
export class FlowMetricsModel {
  @Field(() => String) flowName!: string;
  @Field(() => String, { description: 'The window, e.g. 15m, 1h, 7d.' }) window!: string;
  @Field(() => String) windowStart!: string;
  @Field(() => String) windowEnd!: string;
  @Field(() => Int) running!: number;
  @Field(() => Int) started!: number;
  @Field(() => Int) succeeded!: number;
  @Field(() => Int) failed!: number;
  @Field(() => Int) timedOut!: number;
  @Field(() => Int) stopped!: number;
  @Field(() => Int, { description: 'Task retries scheduled.' }) retries!: number;
  @Field(() => Float, { description: '(failed + timedOut) / (succeeded + failed + timedOut); 0 when nothing finished.' }) failureRate!: number;
  @Field(() => Int, { description: 'Executions still running past the flow timeout (their deadline).' }) overdue!: number;
  @Field(() => DurationStatsModel, { description: 'Durations of executions that finished in the window.' }) duration!: DurationStatsModel;
  @Field(() => [StepMetricsModel]) steps!: StepMetricsModel[];
}

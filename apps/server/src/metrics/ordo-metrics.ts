import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

const LATENCY_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
/** Timer lag runs from a few milliseconds (event loop) to minutes (timers overdue after a restart). */
const TIMER_LAG_BUCKETS = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300];

/** Every Prometheus metric the server exports, on its own registry (no global state). */
export class OrdoMetrics {
  readonly registry = new Registry();
  readonly executionsStarted = new Counter({ name: 'ordo_executions_started_total', help: 'Executions started, by flow.', labelNames: ['flow'], registers: [this.registry] });
  readonly executionsFinished = new Counter({ name: 'ordo_executions_finished_total', help: 'Executions finished, by flow and status (Succeeded, Failed, TimedOut, Stopped).', labelNames: ['flow', 'status'], registers: [this.registry] });
  readonly stepTransitions = new Counter({ name: 'ordo_step_transitions_total', help: 'Step events (StepEntered, StepSucceeded, StepFailed, StepExited, CatchMatched), by flow.', labelNames: ['flow', 'transition'], registers: [this.registry] });
  readonly taskAttempts = new Counter({ name: 'ordo_task_attempts_total', help: 'Task attempts scheduled, by flow.', labelNames: ['flow'], registers: [this.registry] });
  readonly taskFailures = new Counter({ name: 'ordo_task_failures_total', help: 'Task attempts that failed or timed out, by flow.', labelNames: ['flow', 'reason'], registers: [this.registry] });
  readonly taskRetries = new Counter({ name: 'ordo_task_retries_total', help: 'Retries scheduled, by flow.', labelNames: ['flow'], registers: [this.registry] });
  readonly commandDuration = new Histogram({ name: 'ordo_command_duration_seconds', help: 'Engine command handling latency (load, decide, append), by command and outcome.', labelNames: ['command', 'outcome'], buckets: LATENCY_BUCKETS, registers: [this.registry] });
  readonly storeAppendDuration = new Histogram({ name: 'ordo_store_append_duration_seconds', help: 'Event store append latency (includes the durable commit).', labelNames: ['outcome'], buckets: LATENCY_BUCKETS, registers: [this.registry] });
  readonly timerLag = new Histogram({ name: 'ordo_timer_lag_seconds', help: 'Timer firing time minus due time, by purpose (wait, retry, taskTimeout, heartbeat, flowTimeout).', labelNames: ['purpose'], buckets: TIMER_LAG_BUCKETS, registers: [this.registry] });
  readonly projectorLag = new Gauge({ name: 'ordo_projector_lag_events', help: 'Execution events appended but not yet in the read-model views (sampled at scrape).', registers: [this.registry] });
  readonly httpRequests = new Counter({ name: 'ordo_http_requests_total', help: 'HTTP requests, by method, route and status.', labelNames: ['method', 'route', 'status'], registers: [this.registry] });
  readonly httpDuration = new Histogram({ name: 'ordo_http_request_duration_seconds', help: 'HTTP request latency, by method and route.', labelNames: ['method', 'route'], buckets: LATENCY_BUCKETS, registers: [this.registry] });
  readonly graphqlOperations = new Counter({ name: 'ordo_graphql_fields_total', help: 'Top-level GraphQL fields resolved, by type, field and outcome (ok, error).', labelNames: ['type', 'field', 'outcome'], registers: [this.registry] });
  readonly graphqlDuration = new Histogram({ name: 'ordo_graphql_field_duration_seconds', help: 'Top-level GraphQL field latency, by type and field.', labelNames: ['type', 'field'], buckets: LATENCY_BUCKETS, registers: [this.registry] });

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'ordo_' });
  }
}

/** Injection token of OrdoMetrics. */
export const ORDO_METRICS = Symbol('ORDO_METRICS');

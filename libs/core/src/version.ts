/**
 * Version of the decision logic, recorded in `ExecutionStarted` so that a future engine can replay
 * old executions under the rules they were decided with. Bump it when `decide` changes its events.
 */
export const DECISION_VERSION = 1;

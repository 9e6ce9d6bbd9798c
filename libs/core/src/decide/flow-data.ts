import type { JsonObject } from '../json';
import { FLOW_SCOPE } from '../paths';
import type { Run } from './run';
import { contextFor, ok, runMapping, type Outcome } from './step-data';

/** The flow input: the flow's inputMappings over the execution input, else the execution input. */
export function flowInput(run: Run): Outcome<JsonObject> {
  const mappings = run.flow.inputMappings;
  if (mappings === undefined) return ok(run.state.input);
  return runMapping(mappings, run.state.input, {}, contextFor(run, '', ''), 'flow inputMappings');
}

/** The execution output (SPEC Part A §17): flow outputMappings over flow input and local, else the local. */
export function flowOutput(run: Run): Outcome<JsonObject> {
  const scope = run.state.scopes[FLOW_SCOPE];
  const mappings = run.flow.outputMappings;
  if (mappings === undefined) return ok(scope.local);
  let input = scope.input;
  if (input === null) {
    const computed = flowInput(run);
    if (!computed.ok) return computed;
    input = computed.value;
  }
  return runMapping(mappings, input, scope.local, contextFor(run, '', ''), 'flow outputMappings');
}

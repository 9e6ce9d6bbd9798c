'use strict';
// In-process handlers the reliability suites load into the server (ORDO_HANDLERS). Deterministic
// by input and attempt, so the expected end state of every execution follows from its input.

function taskError(name, cause) {
  const error = new Error(cause);
  error.name = name;
  return error;
}

module.exports = {
  /** Fails the first attempt with `Flaky` when `input.flaky`; otherwise echoes its input. */
  async flakyPrepare(input, ctx) {
    if (input.flaky === true && ctx.attempt === 1) throw taskError('Flaky', `prepare attempt ${ctx.attempt} of ${ctx.executionName} is flaky`);
    return { ...input, prepared: true };
  },
  /** Parks the task: the test reports it with the token shown in the history. */
  async park() {
    return {};
  },
  /** Returns a value that is not a JSON object (the engine must fail the task clearly). */
  async notAnObject() {
    return 'just a string';
  },
  /** Echoes its input. */
  async echo(input) {
    return { ...input };
  },
};

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { OneShotHandlerContext, TaskHandlerContext } from '@ordo/runtime';
import { corpusText, eventsOf, runCorpus } from './corpus';
import { forkFlowHandlers, subflowHandlers } from '../fixtures/examples-handlers/fork-flows';
import { auditHandlers } from '../fixtures/examples-handlers/audit';

const A_DAY_WAIT = 'version: v1\ntype: flow\nsteps:\n  - type: wait\n    name: slow\n    duration: 86400\n';

describe('child flow examples', () => {
  test('16 requestResponse child: started under $.childName with the mapped input; the parent does not wait', async () => {
    const result = await runCorpus(corpusText('16-'), { childName: 'kid1', other: 'x' }, { childFlows: { subflow_demo_child: A_DAY_WAIT } });
    assert.equal(result.status, 'Succeeded');
    const [started] = eventsOf(result, 'ChildExecutionStarted');
    assert.equal(started.detail.executionName, 'kid1');
    assert.equal(eventsOf(result, 'ChildExecutionFinished').length, 0, 'the parent ended before its one-day child');
  });

  test('17 requestResponse child then a pass: the parent reaches dummy while flowABC is still running', async () => {
    const result = await runCorpus(corpusText('17-'), {}, { childFlows: { flowABC: A_DAY_WAIT } });
    assert.equal(result.status, 'Succeeded');
    assert.ok(eventsOf(result, 'StepEntered').some((e) => e.stepName === 'dummy'));
    assert.equal(eventsOf(result, 'ChildExecutionFinished').length, 0);
  });

  test('23/24 parallel wait-any: the first branch to report with the parent token completes the parent', async () => {
    const rejections: string[] = [];
    const callback = async (input: Record<string, unknown>, ctx: TaskHandlerContext) => {
      try {
        await ctx.reportTaskSucceeded(String(input.task_token), { winner: input.key });
        return { status: 'child callback succeeded' };
      } catch (e) {
        rejections.push((e as Error).message);
        return { status: (e as Error).message };
      }
    };
    const result = await runCorpus(corpusText('23-'), {}, {
      childFlows: { subFlowTest: corpusText('24-') }, handlers: { 'acs:fc:::services/flowCallback/functions/callback': callback },
    });
    assert.equal(result.status, 'Succeeded');
    assert.ok(['key1', 'key2', 'key3'].includes(String(result.output?.winner)), JSON.stringify(result.output));
    assert.ok(eventsOf(result, 'StepEntered').some((e) => e.stepName === 'pass'));
  });

  test('24 on its own: every branch returns a status and the parallel output is {result: [status1, status2, status3]}', async () => {
    const callback = async (input: Record<string, unknown>) => ({ status: `child callback succeeded for ${String(input.key)}` });
    const result = await runCorpus(corpusText('24-'), { task_token: 't' }, { handlers: { 'acs:fc:::services/flowCallback/functions/callback': callback } });
    assert.deepEqual([result.status, result.output], ['Succeeded', {
      result: ['child callback succeeded for key1', 'child callback succeeded for key2', 'child callback succeeded for key3'],
    }]);
  });

  test('25/26 sync child stopped with AnyCustomError: the parent catches it, runs postAction and ends with output {}', async () => {
    const seen: Array<Record<string, unknown>> = [];
    const longRunning = async (input: Record<string, unknown>, ctx: TaskHandlerContext) => {
      seen.push({ executionName: ctx.executionName, flowName: ctx.flowName, input });
      setTimeout(() => { void (ctx as OneShotHandlerContext).stopExecution(ctx.flowName, ctx.executionName, { error: 'AnyCustomError', cause: 'stopped by the operator' }); }, 10);
      await new Promise<void>((resolve) => ctx.signal.addEventListener('abort', () => resolve()));
      return {};
    };
    const result = await runCorpus(corpusText('25-'), { subflowExecName: 'run10', subflowInput: 'test' }, {
      childFlows: { 'post-actions-subflow': corpusText('26-') }, handlers: { longRunning },
    });
    assert.deepEqual([result.status, result.output], ['Succeeded', {}]);
    assert.deepEqual(seen, [{ executionName: 'run10', flowName: 'post-actions-subflow', input: { subflowExecName: 'run10', subflowInput: 'test' } }]);
    assert.deepEqual(eventsOf(result, 'CatchMatched').map((e) => [e.detail.error, e.detail.goto]), [['AnyCustomError', 'postAction']]);
    assert.deepEqual(eventsOf(result, 'TaskFailed').map((e) => [e.stepName, e.detail.error]), [['startChildFlow', 'AnyCustomError']]);
  });

  test('33/34 fork flows: one waitForCallback per key, each reported with its own token; join reads $local.values', async () => {
    const input = { executionName: 'run1', subflowName: 'subflow', keys: ['a', 'b', 'c'] };
    const tokens: string[] = [];
    const result = await runCorpus(corpusText('33-'), input, { handlers: forkFlowHandlers([], tokens) });
    assert.deepEqual([result.status, result.output], ['Succeeded', { values: ['value-of-a', 'value-of-b', 'value-of-c'] }]);
    assert.equal(eventsOf(result, 'TaskTokenIssued').length, 3);
    assert.equal(new Set(tokens).size, 3, 'a token per iteration');
    const joinInput = eventsOf(result, 'StepStarted').find((e) => e.stepName === 'join')?.detail.input;
    assert.deepEqual(joinInput, { my_values: ['value-of-a', 'value-of-b', 'value-of-c'] });
  });

  test('33/34 fork flows: a child reporting SubflowError fails the fork', async () => {
    const result = await runCorpus(corpusText('33-'), { executionName: 'run1', subflowName: 'subflow', keys: ['a', 'b'] }, { handlers: forkFlowHandlers(['b']) });
    assert.deepEqual([result.status, result.error, result.cause], ['Failed', 'SubflowError', 'Failed to execute subflow']);
  });

  test('34 subflow: doWork succeeds -> reportTaskSucceeded gets the flow $local and the token; doWork fails -> reportTaskFailed with SubflowError', async () => {
    const reports: Array<Record<string, unknown>> = [];
    const ok = await runCorpus(corpusText('34-'), { key: 'a', taskToken: 'tok-a' }, { handlers: subflowHandlers(reports) });
    assert.equal(ok.status, 'Succeeded');
    const failed = await runCorpus(corpusText('34-'), { key: 'b', taskToken: 'tok-b' }, { handlers: subflowHandlers(reports, true) });
    assert.equal(failed.status, 'Succeeded');
    assert.deepEqual(reports, [
      { kind: 'succeeded', output: { value: 'value-of-a' }, taskToken: 'tok-a' },
      { kind: 'failed', error: 'SubflowError', cause: 'Failed to execute subflow', taskToken: 'tok-b' },
    ]);
  });

  test('48/49 audit child succeeds: the parent maps audited and takes the auditPassedDoJobs branch', async () => {
    const audit = auditHandlers([{ audited: 'true' }]);
    const result = await runCorpus(corpusText('49-'), { auditMessage: 'please audit' }, { childFlows: { audit_child: corpusText('48-') }, handlers: audit.handlers });
    assert.deepEqual([result.status, result.output], ['Succeeded', { audited: 'true' }]);
    assert.ok(eventsOf(result, 'StepEntered').some((e) => e.stepName === 'auditPassedDoJobs'));
  });

  test('48/49 the child fails with AuditErrorNeedsRetry: the parent retries the child (30 s, 60 s), then catches it and notifies', async () => {
    const audit = auditHandlers([{ error: 'FC.ResourceThrottled' }]);
    const result = await runCorpus(corpusText('49-'), { auditMessage: 'please audit' }, { childFlows: { audit_child: corpusText('48-') }, handlers: audit.handlers });
    assert.equal(result.status, 'Succeeded');
    assert.deepEqual(eventsOf(result, 'RetryScheduled').map((e) => [e.detail.error, e.detail.delayMs]), [['AuditErrorNeedsRetry', 30_000], ['AuditErrorNeedsRetry', 60_000]]);
    assert.deepEqual(eventsOf(result, 'CatchMatched').map((e) => [e.detail.error, e.detail.goto]), [['AuditErrorNeedsRetry', 'notifyDeveloper']]);
    assert.equal(eventsOf(result, 'ChildExecutionStarted').length, 3, 'one child per attempt');
    assert.equal(audit.calls(), 3 * 4, 'each child retried its FC.ResourceThrottled call 3 times');
  });

  test('48/49 the child fails with FnF.InvalidLocal -> AuditUnknown: not retried by the parent, caught at once', async () => {
    const audit = auditHandlers([{ error: 'FnF.InvalidLocal' }]);
    const result = await runCorpus(corpusText('49-'), { auditMessage: 'please audit' }, { childFlows: { audit_child: corpusText('48-') }, handlers: audit.handlers });
    assert.equal(result.status, 'Succeeded');
    assert.equal(eventsOf(result, 'RetryScheduled').length, 0);
    assert.deepEqual(eventsOf(result, 'CatchMatched').map((e) => [e.detail.error, e.detail.goto]), [['AuditUnknown', 'notifyDeveloper']]);
  });
});

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { TaskHandlerContext } from '@ordo/runtime';
import { corpusText, eventsOf, msBetween, runCorpus, taskError, wrapFragment } from './corpus';

describe('documentation examples behave as their headers say', () => {
  test('01 hello task: the function result is the step output and the flow output', async () => {
    const result = await runCorpus(corpusText('01-'), {}, { handlers: { hello: async () => ({ message: 'hello world' }) } });
    assert.deepEqual([result.status, result.output], ['Succeeded', { message: 'hello world' }]);
  });

  test('02 parallel of passes: step1 parents step2/step3, step1 and step4 outermost; Succeeded with output {}', async () => {
    const result = await runCorpus(corpusText('02-'), { x: 1 });
    assert.deepEqual([result.status, result.output], ['Succeeded', {}]);
    const entered = eventsOf(result, 'StepEntered').map((e) => e.path);
    assert.deepEqual(entered.filter((p) => !p.includes('/')), ['step1', 'step4']);
    assert.ok(entered.some((p) => p.startsWith('step1/') && p.endsWith('step2')), entered.join(', '));
    assert.ok(entered.some((p) => p.startsWith('step1/') && p.endsWith('step3')), entered.join(', '));
  });

  test('04 wait 20 s: pauses 20 s of (virtual) time, then Succeeded; the wait local is empty', async () => {
    const result = await runCorpus(corpusText('04-'), {});
    assert.equal(result.status, 'Succeeded');
    const [started] = eventsOf(result, 'TimerStarted');
    const [fired] = eventsOf(result, 'TimerFired');
    assert.equal(msBetween(started, fired), 20_000);
    assert.deepEqual(eventsOf(result, 'StepExited')[0].detail.local, {});
  });

  test('05 wait duration from input: {"wait": 5} waits 5 s', async () => {
    const result = await runCorpus(corpusText('05-'), { wait: 5 });
    assert.equal(result.status, 'Succeeded');
    assert.equal(msBetween(eventsOf(result, 'TimerStarted')[0], eventsOf(result, 'TimerFired')[0]), 5_000);
  });

  test('06 wait until 2019-05-02 (in the past): ends at once', async () => {
    const result = await runCorpus(corpusText('06-'), {});
    assert.equal(result.status, 'Succeeded');
    const events = result.events ?? [];
    assert.equal(msBetween(events[0], events.at(-1)!), 0);
  });

  test('07 wait until a timestamp from input: a future one waits until then, a past one not at all', async () => {
    const future = new Date(Date.now() + 3 * 3600_000).toISOString();
    const waited = await runCorpus(corpusText('07-'), { wait_timestamp: future });
    assert.equal(waited.status, 'Succeeded');
    assert.equal(eventsOf(waited, 'TimerFired')[0].time, future);
    const past = await runCorpus(corpusText('07-'), { wait_timestamp: '2020-01-01T00:00:00Z' });
    const events = past.events ?? [];
    assert.deepEqual([past.status, msBetween(events[0], events.at(-1)!)], ['Succeeded', 0]);
  });

  test('13 retry FnF.ALL: retries after 10, 20, 40 s, then the error propagates and the execution Fails', async () => {
    const result = await runCorpus(wrapFragment('13-'), {}, { mocks: { hello: [{ error: 'FC.Unknown', cause: 'boom' }] } });
    assert.deepEqual([result.status, result.error, result.cause], ['Failed', 'FC.Unknown', 'boom']);
    assert.deepEqual(eventsOf(result, 'RetryScheduled').map((e) => e.detail.delayMs), [10_000, 20_000, 40_000]);
    assert.equal(eventsOf(result, 'TaskFailed').length, 4);
  });

  test('14 errorMappings + catch FnF.ALL: the output is {errMsg, errCode} and execution continues at final', async () => {
    const final = '  - type: pass\n    name: final\n';
    const result = await runCorpus(wrapFragment('14-', final), {}, {
      handlers: { hello: async () => { throw taskError('BookFlightError', 'no seats left'); } },
    });
    assert.deepEqual([result.status, result.output], ['Succeeded', { errMsg: 'no seats left', errCode: 'BookFlightError' }]);
    assert.deepEqual(eventsOf(result, 'CatchMatched').map((e) => e.detail.goto), ['final']);
    assert.ok(eventsOf(result, 'StepEntered').some((e) => e.stepName === 'final'));
  });

  test('15 waitForCallback: pauses until ReportTaskSucceeded with the token; {"key":"value"} becomes {"k":"value"}', async () => {
    let reported = false;
    const submit = async (input: Record<string, unknown>, ctx: TaskHandlerContext) => {
      assert.equal(input.taskToken, ctx.token);
      setTimeout(() => { reported = true; void ctx.reportTaskSucceeded(ctx.token, { key: 'value' }); }, 10);
      return { submitted: true };
    };
    const result = await runCorpus(wrapFragment('15-'), {}, { handlers: { mytask: submit } });
    assert.deepEqual([result.status, result.output, reported], ['Succeeded', { k: 'value' }, true]);
    assert.ok(eventsOf(result, 'TaskSubmitted').length === 1);
  });

  test('15 waitForCallback: ReportTaskFailed fails the step with the reported error', async () => {
    const submit = async (_input: unknown, ctx: TaskHandlerContext) => {
      setTimeout(() => { void ctx.reportTaskFailed(ctx.token, 'Rejected', 'the approver said no'); }, 10);
      return {};
    };
    const result = await runCorpus(wrapFragment('15-'), {}, { handlers: { mytask: submit } });
    assert.deepEqual([result.status, result.error, result.cause], ['Failed', 'Rejected', 'the approver said no']);
  });

  test('18 MNS topic: the step output maps MessageId, RequestId and MessageBodyMD5 from the PublishMessage response', async () => {
    const publish = async () => ({ MessageId: 'm-1', RequestId: 'r-1', MessageBodyMD5: 'md5' });
    const result = await runCorpus(corpusText('18-'), { name: 'ada' }, { handlers: { 'acs:mns:::/topics/{topicName}/messages': publish } });
    assert.deepEqual([result.status, result.output], ['Succeeded', { messageID: 'm-1', requestID: 'r-1', messageBodyMD5: 'md5' }]);
  });

  test('19 FC with a qualifier: the flow waits for the function to return before proceeding', async () => {
    let returned = false;
    const slow = async () => { await new Promise((resolve) => setTimeout(resolve, 50)); returned = true; return { done: true }; };
    const result = await runCorpus(corpusText('19-'), {}, { handlers: { mytask: slow } });
    assert.deepEqual([result.status, returned], ['Succeeded', true]);
    assert.deepEqual(result.output, { done: true });
  });

  test('20 cli guide: the documented history (ExecutionStarted, then pass1 entered/started/succeeded/exited)', async () => {
    const result = await runCorpus(corpusText('20-'), {});
    assert.equal(result.status, 'Succeeded');
    const events = result.events ?? [];
    assert.deepEqual(events.slice(0, 5).map((e) => [e.eventId, e.type, e.stepName]), [
      [1, 'ExecutionStarted', ''], [2, 'StepEntered', 'pass1'], [3, 'StepStarted', 'pass1'], [4, 'StepSucceeded', 'pass1'], [5, 'StepExited', 'pass1'],
    ]);
    assert.deepEqual([events[0].detail.input, events[1].detail.input, events[1].detail.local, events[2].detail.input, events[3].detail.output, events[4].detail.local],
      [{}, {}, {}, {}, {}, {}]);
  });

  test('55 devsapp hello world: Succeeded with output {}', async () => {
    const result = await runCorpus(corpusText('55-'), { any: 'thing' });
    assert.deepEqual([result.status, result.output], ['Succeeded', {}]);
  });
});


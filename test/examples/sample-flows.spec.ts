import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { corpusText, eventsOf, runCorpus } from './corpus';
import { etlHandlers } from '../fixtures/examples-handlers/etl';
import { mlPipelineHandlers } from '../fixtures/examples-handlers/ml-pipeline';

describe('sample flows from public repositories', () => {
  test('27 ETL: fetcher retried on ErrorNeedsRetry (10 s, 20 s), a mapper per shard, then the reducer', async () => {
    const mapped: string[] = [];
    const result = await runCorpus(corpusText('27-'), {}, { handlers: etlHandlers({ splitterFailures: 2, mapped }) });
    assert.equal(result.status, 'Succeeded');
    assert.deepEqual(result.output, { shards: [{ id: 's1', rows: 2 }, { id: 's2', rows: 3 }], shard_ids: ['s1', 's2'], reduced: ['s1', 's2'] });
    assert.deepEqual(eventsOf(result, 'RetryScheduled').map((e) => e.detail.delayMs), [10_000, 20_000]);
    assert.deepEqual(mapped.sort(), ['s1', 's2']);
  });

  test('27 ETL: ErrorNeedsRetry after its 3 retries is caught and goes to the retryFailed fail step', async () => {
    const result = await runCorpus(corpusText('27-'), {}, { handlers: etlHandlers({ splitterFailures: 99, mapped: [] }) });
    assert.deepEqual([result.status, result.error, result.cause], ['Failed', 'StatusFailed', 'retry several times failed']);
    assert.deepEqual(eventsOf(result, 'RetryScheduled').map((e) => e.detail.delayMs), [10_000, 20_000, 40_000]);
  });

  test('36 ML pipeline: polling loops wait 10 s/5 s until the status is done, then an approved manual decision succeeds', async () => {
    const actions: string[] = [];
    const result = await runCorpus(corpusText('36-'), { k8sClusterID: 'c1' }, { handlers: mlPipelineHandlers({ pollsBeforeDone: 2, decision: 'approved', actions }) });
    assert.equal(result.status, 'Succeeded');
    assert.deepEqual(actions, [
      'train-model', 'get-train-status', 'get-train-status', 'get-train-status',
      'deploy-model', 'get-deployment-status', 'get-deployment-status', 'get-deployment-status',
      'expose-service', 'get-service-status', 'get-service-status', 'get-service-status', 'run-test-cases',
    ]);
    const waits = eventsOf(result, 'StepEntered').filter((e) => e.stepName.startsWith('Wait')).map((e) => e.stepName);
    assert.deepEqual(waits, ['Wait10s', 'Wait10s', 'Wait10s', 'Wait5s', 'Wait5s', 'Wait5s', 'Wait5sService', 'Wait5sService', 'Wait5sService']);
    assert.ok(eventsOf(result, 'StepEntered').some((e) => e.stepName === 'NotifySucceess'));
  });

  test('36 ML pipeline: a rejected manual decision goes to NotifyFailed', async () => {
    const result = await runCorpus(corpusText('36-'), {}, { handlers: mlPipelineHandlers({ pollsBeforeDone: 0, decision: 'rejected', actions: [] }) });
    assert.equal(result.status, 'Failed');
    assert.ok(eventsOf(result, 'StepEntered').some((e) => e.stepName === 'NotifyFailed'));
  });

  test('46 provision autoscale: init copies $input.payload keys, the task output maps resource/target/current', async () => {
    const payload = { serviceName: 's', functionName: 'f', alias: 'prod', provisionCount: 10 };
    let taskInput: unknown;
    const main = async (input: unknown) => { taskInput = input; return { resource: 'r', target: 10, current: 4, extra: true }; };
    const result = await runCorpus(corpusText('46-'), { payload }, { handlers: { ProvisionTask: main } });
    assert.equal(result.status, 'Succeeded');
    assert.deepEqual(taskInput, { payload, ...payload });
    assert.deepEqual(result.output, { ...payload, resource: 'r', target: 10, current: 4 });
  });

  test('56 GetContent/Encrypt: echo {"content":"sara"} becomes {"message":"sara"}; Encrypt receives {"message":"sara","envKey":"password"}', async () => {
    let encryptInput: unknown;
    const result = await runCorpus(corpusText('56-'), {}, {
      handlers: { GetContent: async () => ({ content: 'sara' }), Encrypt: async (input) => { encryptInput = input; return { encrypted: true }; } },
    });
    assert.equal(result.status, 'Succeeded');
    assert.deepEqual(encryptInput, { message: 'sara', envKey: 'password' });
  });

  test('57 a pass generates a constant that the next task reads through $local', async () => {
    let encryptInput: unknown;
    const result = await runCorpus(corpusText('57-'), {}, {
      handlers: { GetContent: async () => ({ content: 'sara' }), Encrypt: async (input) => { encryptInput = input; return {}; } },
    });
    assert.equal(result.status, 'Succeeded');
    assert.deepEqual(encryptInput, { message: 'sara', envKey: 'password' });
  });

  test('28 action: task: runs through a handler keyed by its action string; output {name, gender, idNumber}', async () => {
    const front = { Name: 'Ada', Gender: 'F', IDNumber: '42' };
    const ocr = async () => ({ Data: { FrontResult: front } });
    const result = await runCorpus(corpusText('28-'), { imageURL: 'https://example.test/card.jpg' }, { handlers: { 'ocr:RecognizeIdentityCard': ocr } });
    assert.equal(result.status, 'Succeeded');
    assert.deepEqual(result.output, { name: 'Ada', gender: 'F', idNumber: '42' });
  });
});

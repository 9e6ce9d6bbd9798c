import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Collector, waitFor, withFixture, type OpenEventStore } from './fixture';

/** Text that exercises UTF-8 and JSON escaping: emoji, CJK, combining marks, RTL, controls (no NUL). */
export const UNICODE_SAMPLES: readonly string[] = [
  '',
  'plain ascii',
  '😀👩‍👩‍👧‍👦🏳️‍🌈',
  '汉字かなカナ한국어',
  'e\u0301 vs \u00e9',
  'שלום مرحبا',
  'line\nbreak\ttab\r\u2028\u2029',
  '\u0001\u001f\u007f',
  'quotes " \' \\ backslash / slash',
  '\ud83d',
  '\uffff\ufeff',
];

/** A deterministic string of at least `chars` UTF-16 code units mixing ASCII, CJK and emoji. */
export function largeText(chars: number): string {
  const pieces = ['abcdefghij', '汉字テスト', '😀🚀', '{"not":"json"}', '\\n'];
  let text = '';
  for (let i = 0; text.length < chars; i++) text += pieces[i % pieces.length] + String(i);
  return text;
}

/** Payload fidelity: large and unicode data and metadata come back exactly. */
export function payloadsContract(open: OpenEventStore): void {
  test('unicode and edge-case JSON values round-trip exactly through every read path', () =>
    withFixture(open, async ({ store }, names) => {
      const id = names.stream('unicode');
      const data = {
        samples: UNICODE_SAMPLES,
        keyed: Object.fromEntries(UNICODE_SAMPLES.map((s, i) => [s || 'empty', i])),
        numbers: [0, -1, 1.5, 0.1, 1e-7, 1e300, Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER],
        nothing: null, yes: true, no: false, empty: {}, list: [], nested: [[[{ deep: ['😀'] }]]],
      };
      const metadata = { note: '日本語 😀', list: UNICODE_SAMPLES.slice(0, 4) };
      const headBefore = await store.headPosition();
      await store.append(id, [{ type: 'Unicode😀', data, metadata }, { type: 'Scalar', data: '汉字' }, { type: 'Null', data: null }], 'no_stream');
      const read = await store.readStream(id);
      assert.deepEqual(read.map((e) => e.type), ['Unicode😀', 'Scalar', 'Null']);
      assert.deepEqual(read[0].data, data);
      assert.deepEqual(read[0].metadata, metadata);
      assert.equal(read[1].data, '汉字');
      assert.equal(read[2].data, null);
      const [fromFeed] = await store.readAll({ after: headBefore }, { streamPrefix: names.prefix, limit: 1 });
      assert.deepEqual(fromFeed.data, data);
      const collector = new Collector();
      const subscription = store.subscribeToAll({ after: headBefore }, collector.handler, { streamPrefix: names.prefix });
      await waitFor(() => collector.events.length === 3, 'the three unicode events');
      await subscription.stop();
      assert.deepEqual(collector.events[0].data, data);
      assert.deepEqual(collector.events[0].metadata, metadata);
    }));

  test('a payload of at least 1 MiB round-trips exactly', () =>
    withFixture(open, async ({ store }, names) => {
      const id = names.stream('large');
      const text = largeText(1024 * 1024);
      assert.ok(Buffer.byteLength(JSON.stringify(text)) >= 1024 * 1024);
      await store.append(id, [{ type: 'Large', data: { text } }, { type: 'Small', data: { ok: true } }], 'no_stream');
      const [large, small] = await store.readStream(id);
      assert.equal((large.data as { text: string }).text.length, text.length);
      assert.deepEqual(large.data, { text });
      assert.deepEqual(small.data, { ok: true });
      const [backwards] = await store.readStreamBackwards(id, 0, 1);
      assert.deepEqual(backwards.data, { text });
    }));

  test('stored events do not alias the caller\'s objects', () =>
    withFixture(open, async ({ store }, names) => {
      const id = names.stream('alias');
      const data = { list: [1, 2], inner: { v: 'a' } };
      await store.append(id, [{ type: 'Aliased', data }], 'no_stream');
      data.list.push(3);
      data.inner.v = 'changed';
      const [first] = await store.readStream(id);
      assert.deepEqual(first.data, { list: [1, 2], inner: { v: 'a' } });
      (first.data as { list: number[] }).list.push(99);
      const [again] = await store.readStream(id);
      assert.deepEqual(again.data, { list: [1, 2], inner: { v: 'a' } });
    }));
}

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { addToHistogram, bucketOf, bucketRange, bucketValue, parseWindow, quantile, type Histogram } from '@ordo/read-models';

describe('log-linear duration histogram', () => {
  test('values below 32 ms are exact; larger ones are within 1/64 of the reported value', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 2 ** 45 }), (v) => {
      const reported = bucketValue(bucketOf(v));
      if (v < 32) assert.equal(reported, v);
      else assert.ok(Math.abs(reported - v) <= v / 64, `${v} reported as ${reported}`);
    }), { numRuns: 5000 });
  });

  test('every value lies inside its bucket and buckets are ordered like values', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 2 ** 45 }), fc.integer({ min: 0, max: 2 ** 45 }), (a, b) => {
      const { low, width } = bucketRange(bucketOf(a));
      assert.ok(low <= a && a < low + width);
      if (a <= b) assert.ok(bucketOf(a) <= bucketOf(b));
    }), { numRuns: 5000 });
  });

  test('just below a large power of two lands in the top bucket of the lower power', () => {
    assert.equal(bucketOf(2 ** 50 - 1), bucketOf(2 ** 50) - 1);
    assert.equal(bucketOf(-5), 0);
  });

  test('quantiles use the nearest rank over merged counts', () => {
    const h: Histogram = new Map();
    for (let v = 1; v <= 20; v++) addToHistogram(h, bucketOf(v), 1);
    addToHistogram(h, bucketOf(10), 4);
    assert.deepEqual([quantile(h, 0.5), quantile(h, 0.95), quantile(h, 1)], [10, 19, 20]);
    assert.equal(quantile(new Map(), 0.5), null);
  });

  test('windows parse s/m/h/d and reject the rest', () => {
    assert.deepEqual(['90s', '15m', '1h', '7d'].map(parseWindow), [90_000, 900_000, 3_600_000, 604_800_000]);
    for (const bad of ['', '0m', '1w', '-1h', '91d', 'h']) assert.throws(() => parseWindow(bad), { code: 'READ.INVALID_WINDOW' });
  });
});

// Errors point to the fix: each message names what was given and what to do, and keeps its code
// and path (the codes and paths are the contract; the key words below are what a reader needs).
import { describe, expect, test } from 'vitest';
import { AverageOrderValue, CrossSellRate, isKpiError, Scorecard, type KpiErrorCode } from 'xsell-kpi';

function thrown(run: () => unknown): { code: KpiErrorCode; path: string; message: string } {
  try {
    run();
  } catch (error) {
    if (isKpiError(error)) return { code: error.code, path: error.path, message: error.message };
    throw error;
  }
  throw new Error('expected a KpiError, nothing was thrown');
}

const order = { orderId: 'o1', customerId: 'ann', timestamp: '2026-11-02T10:00:00Z', lines: [{ sku: 'laptop', unitPrice: '999' }] };

describe('errors that point to the fix', () => {
  test('a quantity given as a string shows the quotes and the number to pass', () => {
    const error = thrown(() => new CrossSellRate().add({ ...order, lines: [{ sku: 'a', unitPrice: '1', quantity: '2' as never }] }));
    expect(error).toMatchObject({ code: 'INVALID_NUMBER', path: 'lines[0].quantity' });
    expect(error.message).toContain('got "2"');
    expect(error.message).toContain('pass the number 2');
  });

  test('an id or a dimension of the wrong type shows the value given', () => {
    expect(thrown(() => new CrossSellRate().add({ ...order, customerId: true as never }))).toMatchObject({ code: 'INVALID_EVENT', path: 'customerId', message: expect.stringContaining('got true') });
    expect(thrown(() => new CrossSellRate().add({ ...order, channel: 7 as never }))).toMatchObject({ code: 'INVALID_EVENT', path: 'channel', message: expect.stringContaining('got 7') });
    expect(thrown(() => new CrossSellRate().add({ ...order, dimensions: { region: null as never } }))).toMatchObject({
      code: 'INVALID_EVENT',
      path: 'dimensions["region"]',
      message: expect.stringContaining('got null'),
    });
  });

  test('merging another class names both classes', () => {
    const error = thrown(() => new CrossSellRate().merge(new AverageOrderValue() as never));
    expect(error).toMatchObject({ code: 'INCOMPATIBLE_MERGE', path: '' });
    expect(error.message).toContain('cannot merge an AverageOrderValue into a CrossSellRate');
    expect(error.message).toContain('merge takes another CrossSellRate');
  });

  test('merging other options names each option that differs, with both values', () => {
    const error = thrown(() => new CrossSellRate({ minDistinct: 3 }).merge(new CrossSellRate({ by: 'category' })));
    expect(error.code).toBe('INCOMPATIBLE_MERGE');
    expect(error.message).toContain('by is "sku" here and "category" in the other');
    expect(error.message).toContain('minDistinct is 3 here and 2 in the other');
    expect(error.message).toContain('same options');
    const scorecard = thrown(() => new Scorecard({ grain: 'month' }).merge(new Scorecard({ grain: 'week' })));
    expect(scorecard).toMatchObject({ code: 'INCOMPATIBLE_MERGE', message: expect.stringContaining('grain is "month" here and "week" in the other') });
  });

  test('merging saved JSON says to restore it with fromJSON first', () => {
    const saved = new CrossSellRate().add(order).toJSON();
    const error = thrown(() => new CrossSellRate().merge(saved as never));
    expect(error.code).toBe('INCOMPATIBLE_MERGE');
    expect(error.message).toContain('saved CrossSellRate state');
    expect(error.message).toContain('CrossSellRate.fromJSON(json)');
    const parsed = thrown(() => new Scorecard().merge(JSON.parse(JSON.stringify(new Scorecard())) as never));
    expect(parsed.message).toContain('Scorecard.fromJSON(json)');
  });

  test('merging something that is not an accumulator says what merge takes', () => {
    for (const other of [5, null, 'CrossSellRate', {}, { merge: () => undefined, toJSON: () => new CrossSellRate().toJSON() }]) {
      const error = thrown(() => new CrossSellRate().merge(other as never));
      expect(error.code).toBe('INCOMPATIBLE_MERGE');
      expect(error.message).toContain('merge takes another CrossSellRate');
    }
  });
});

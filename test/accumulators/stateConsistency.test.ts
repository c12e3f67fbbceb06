import { describe, expect, test } from 'vitest';
import { AttachRate, ChurnRate, CrossSellRate, RetentionRate, UpsellRate, type Order } from 'xsell-kpi';
import { expectKpiError } from '../support/expectKpiError.js';

const order = (orderId: string, customerId: string | null, sku: string, timestamp = '2026-01-05T10:00:00Z'): Order => ({
  orderId,
  customerId,
  timestamp,
  lines: [{ sku, unitPrice: '10', source: 'upsell' }],
});

interface Saved {
  state: Record<string, unknown[]>;
}

/** The accumulator's state as JSON, edited. */
function edited(accumulator: { toJSON(): unknown }, edit: (state: Saved['state']) => void): unknown {
  const json = JSON.parse(JSON.stringify(accumulator.toJSON())) as Saved;
  edit(json.state);
  return json;
}

const customersOrders = [order('o1', 'ann', 'A'), order('o2', 'bob', 'B', '2026-02-05T10:00:00Z')];
/** A guest order too: it counts as an order seen, and belongs to no customer. */
const events = [...customersOrders, order('o3', null, 'A')];

describe('per-customer entries against the orders seen (issue 16: cross-field consistency of fromJSON)', () => {
  test('CrossSellRate, UpsellRate, AttachRate per customer: a customer without an order is INVALID_STATE at state.seen', () => {
    const cases = [
      { Class: CrossSellRate, accumulator: new CrossSellRate().addAll(customersOrders), entry: ['zed', ['A']] },
      { Class: UpsellRate, accumulator: new UpsellRate().addAll(customersOrders), entry: ['zed', true] },
      { Class: AttachRate, accumulator: new AttachRate({ anchor: { skus: ['A'] } }).addAll(customersOrders), entry: ['zed', 1] },
    ];
    for (const { Class, accumulator, entry } of cases) {
      // the saved state loads; a customer more than the orders seen does not
      expect(Class.fromJSON(JSON.parse(JSON.stringify(accumulator.toJSON())) as never).result()).toStrictEqual(accumulator.result());
      const extra = edited(accumulator, (state) => state['customers']!.push(entry));
      const error = expectKpiError(() => Class.fromJSON(extra as never), 'INVALID_STATE', 'state.seen');
      expect(error.message).toContain('the totals need at least');
    }
  });

  test('a dropped order (state.seen shorter than the customers) is INVALID_STATE; dropping only the guest order is not detectable and loads', () => {
    const accumulator = new CrossSellRate().addAll(events);
    const seen = (accumulator.toJSON().state as { seen: unknown[] }).seen;
    expect(seen).toHaveLength(3);
    const twoOrders = edited(accumulator, (state) => state['seen']!.splice(0, 2));
    expectKpiError(() => CrossSellRate.fromJSON(twoOrders), 'INVALID_STATE', 'state.seen');
    const withoutOne = edited(accumulator, (state) => state['seen']!.pop());
    expect(CrossSellRate.fromJSON(withoutOne).result().customers).toBe(2);
  });

  test('RetentionRate and ChurnRate: a customer active in a period needs an order there (one per customer and period)', () => {
    for (const Class of [RetentionRate, ChurnRate]) {
      const accumulator = new Class().addAll(customersOrders);
      expect(Class.fromJSON(JSON.parse(JSON.stringify(accumulator.toJSON()))).resultsByPeriod()).toStrictEqual(accumulator.resultsByPeriod());
      // ann active in February too: 3 customer-periods from 2 orders (2 distinct customers: the count of customers alone would pass)
      const again = edited(accumulator, (state) => (state['periods']![1] as [string, string[]])[1].push('ann'));
      expectKpiError(() => Class.fromJSON(again), 'INVALID_STATE', 'state.seen');
    }
  });

  test('without de-duplication there are no orders to check against: the same entries load', () => {
    const accumulator = new CrossSellRate({ dedupe: false }).addAll(events);
    const extra = edited(accumulator, (state) => state['customers']!.push(['zed', true]));
    expect(CrossSellRate.fromJSON(extra).result()).toStrictEqual({ value: 1 / 3, crossSoldCustomers: 1, customers: 3 });
  });
});

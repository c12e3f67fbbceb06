import { describe, expect, test } from 'vitest';
import {
  AttachRate,
  AverageOrderValue,
  CrossSellRate,
  CustomerLifetimeValue,
  NetRevenue,
  RepeatPurchaseRate,
  RetentionRate,
  Scorecard,
  TransactionCrossSellRate,
  netRevenue,
  validateEvent,
  validateOrder,
  validateReturn,
  type Order,
  type Return,
} from 'xsell-kpi';
import { expectKpiError } from '../support/expectKpiError.js';

const order = (orderId: string, customerId: string | null | undefined, skus: string[], price = '10', extra: Partial<Order> = {}): Order => {
  const event: Order = { orderId, timestamp: '2026-11-02T10:00:00Z', lines: skus.map((sku) => ({ sku, unitPrice: price, category: sku.toLowerCase() })), ...extra };
  if (customerId !== undefined) event.customerId = customerId;
  return event;
};
const refund = (returnId: string, customerId: string | null | undefined, amount: string, extra: Partial<Return> = {}): Return => {
  const event: Return = { type: 'return', returnId, timestamp: '2026-11-20T10:00:00Z', amount, ...extra };
  if (customerId !== undefined) event.customerId = customerId;
  return event;
};

describe('guest orders', () => {
  const orders = [order('o1', 'ann', ['A']), order('g1', null, ['A', 'B']), order('g2', undefined, ['A', 'B'], '30')];

  test('count in every order-level figure', () => {
    expect(TransactionCrossSellRate.of(orders)).toStrictEqual({ value: 2 / 3, crossSellOrders: 2, orders: 3 });
    expect(AverageOrderValue.of(orders).value?.toString()).toBe('30');
    expect(AttachRate.of(orders, { anchor: { skus: ['A'] }, per: 'order' })).toStrictEqual({ value: 2 / 3, attached: 2, anchors: 3 });
    expect(NetRevenue.of(orders).grossRevenue.toString()).toBe('90');
  });

  test('count in no customer-level one', () => {
    expect(CrossSellRate.of(orders)).toStrictEqual({ value: 0, crossSoldCustomers: 0, customers: 1 });
    expect(RepeatPurchaseRate.of(orders)).toStrictEqual({ value: 0, repeatCustomers: 0, customers: 1 });
    expect(CustomerLifetimeValue.of(orders).revenue.toString()).toBe('10');
    expect(AttachRate.of(orders, { anchor: { skus: ['A'] } })).toStrictEqual({ value: 0, attached: 0, anchors: 1 });
    expect(RetentionRate.of(orders).customersAtEnd).toBe(1);
  });

  test('a guest order is ignored by a KPI per customer, even where it could not be counted (a missing category)', () => {
    const uncategorised: Order = { orderId: 'g9', timestamp: '2026-11-02T10:00:00Z', lines: [{ sku: 'A', unitPrice: '1' }] };
    expect(CrossSellRate.of([uncategorised], { by: 'category' })).toStrictEqual({ value: null, crossSoldCustomers: 0, customers: 0 });
    expectKpiError(() => CrossSellRate.of([{ ...uncategorised, customerId: 'ann' }], { by: 'category' }), 'INVALID_EVENT');
  });

  test('are re-delivery safe by orderId, and a changed guest order is CONFLICTING_DUPLICATE', () => {
    const aov = new AverageOrderValue().addAll([...orders, order('g1', null, ['A', 'B'])]);
    expect(aov.result().orders).toBe(3);
    expectKpiError(() => aov.add(order('g1', 'ann', ['A', 'B'])), 'CONFLICTING_DUPLICATE', 'orderId');
    const clv = new CustomerLifetimeValue().addAll(orders);
    expectKpiError(() => clv.add(order('g1', null, ['A'])), 'CONFLICTING_DUPLICATE', 'orderId');
  });

  test('an empty-string customerId is still invalid; null and absent are guests', () => {
    expectKpiError(() => validateOrder(order('o1', '', ['A'])), 'INVALID_EVENT', 'customerId');
    expect(validateOrder(order('o1', null, ['A'])).customerId).toBeNull();
    expect(validateOrder(order('o1', undefined, ['A'])).orderId).toBe('o1');
  });

  test('a per-customer accumulator saves a guest order as [orderId, fingerprint, null, null]', () => {
    const json = new RepeatPurchaseRate().addAll(orders).toJSON();
    expect(json.version).toBe(3);
    expect((json.state as { seen: unknown[][] }).seen.map((entry) => entry.slice(2))).toStrictEqual([
      ['ann', null],
      [null, null],
      [null, null],
    ]);
    expect(RepeatPurchaseRate.fromJSON(JSON.parse(JSON.stringify(json))).toJSON()).toStrictEqual(json);
  });
});

describe('returns', () => {
  test('netRevenue subtracts, exactly, and may go below zero', () => {
    expect(netRevenue({ grossRevenue: '0.3', returns: 0.1 }).toString()).toBe('0.2');
    expect(netRevenue({ grossRevenue: '0', returns: '0.01' }).toString()).toBe('-0.01');
    expectKpiError(() => netRevenue({ grossRevenue: '-1', returns: '0' }), 'INVALID_MONEY', 'grossRevenue');
    expectKpiError(() => netRevenue({ grossRevenue: '1' } as never), 'INVALID_MONEY', 'returns');
  });

  test('NetRevenue: the empty result, guests included, returns without their order', () => {
    expect(NetRevenue.of([], { currency: 'EUR' })).toStrictEqual({ value: expect.anything(), grossRevenue: expect.anything(), returns: expect.anything(), currency: 'EUR' });
    const empty = NetRevenue.of([]);
    expect([empty.value, empty.grossRevenue, empty.returns].map(String)).toStrictEqual(['0', '0', '0']);
    const result = NetRevenue.of([order('o1', 'ann', ['A']), order('g1', null, ['B']), refund('r1', 'ann', '4'), refund('r2', null, '1.5'), refund('r3', 'zed', '0.25')]);
    expect([result.value, result.grossRevenue, result.returns].map(String)).toStrictEqual(['14.25', '20', '5.75']);
  });

  test('a return re-delivered counts once; the same returnId with other content is CONFLICTING_DUPLICATE, changing nothing', () => {
    const net = new NetRevenue().addAll([refund('r1', 'ann', '4'), refund('r1', 'ann', '4')]);
    expect(net.result().returns.toString()).toBe('4');
    const before = JSON.stringify(net);
    expectKpiError(() => net.add(refund('r1', 'ann', '5')), 'CONFLICTING_DUPLICATE', 'returnId');
    expect(JSON.stringify(net)).toBe(before);
    expect(new NetRevenue({ dedupe: false }).addAll([refund('r1', 'ann', '4'), refund('r1', 'ann', '4')]).result().returns.toString()).toBe('8');
  });

  test('an amount of 0 or less is INVALID_MONEY; a return follows the one-currency rule', () => {
    expectKpiError(() => validateReturn(refund('r1', 'ann', '0')), 'INVALID_MONEY', 'amount');
    expectKpiError(() => new NetRevenue().add(refund('r1', 'ann', '-4')), 'INVALID_MONEY', 'amount');
    expect(validateEvent(refund('r1', null, '4')).type).toBe('return');
    const net = new NetRevenue().add(order('o1', 'ann', ['A'], '10', { currency: 'EUR' }));
    expectKpiError(() => net.add(refund('r1', 'ann', '4', { currency: 'USD' })), 'MIXED_CURRENCY', 'currency');
    expectKpiError(() => net.add(refund('r1', 'ann', '4')), 'MIXED_CURRENCY', 'currency');
    expect(new NetRevenue({ currency: 'EUR' }).addAll([order('o1', 'ann', ['A'], '10', { currency: 'EUR' }), refund('r1', 'ann', '4')]).result().currency).toBe('EUR');
  });

  test('CustomerLifetimeValue net of returns: only customers with an order, whatever the order of events', () => {
    const events = [refund('r1', 'ann', '4'), order('o1', 'ann', ['A']), refund('r2', null, '3'), refund('r3', 'zed', '2'), order('o2', 'bob', ['B'], '20')];
    const forward = CustomerLifetimeValue.of(events, { netOfReturns: true });
    expect([forward.value?.toString(), forward.revenue.toString(), forward.customers]).toStrictEqual(['13', '26', 2]);
    expect(CustomerLifetimeValue.of([...events].reverse(), { netOfReturns: true })).toStrictEqual(forward);
    const values = new CustomerLifetimeValue({ netOfReturns: true }).addAll(events).valuesByCustomer();
    expect([...values].map(([id, value]) => [id, value.toString()])).toStrictEqual([
      ['ann', '6'],
      ['bob', '20'],
    ]);
    // zed orders later: their return now counts.
    const later = new CustomerLifetimeValue({ netOfReturns: true }).addAll(events).add(order('o3', 'zed', ['C'], '1'));
    expect(later.result().revenue.toString()).toBe('25');
    expect(later.result().value?.toString()).toBe('8.333333333333333333333333333333333');
  });

  test('CustomerLifetimeValue without netOfReturns refuses a return', () => {
    expectKpiError(() => new CustomerLifetimeValue().add(refund('r1', 'ann', '4') as never), 'INVALID_EVENT', 'type');
  });

  test('the Scorecard books a return in its own period and group (or group "") and keeps every other KPI gross', () => {
    const rows = Scorecard.of(
      [
        order('o1', 'ann', ['A'], '10', { channel: 'web' }),
        refund('r1', 'ann', '4', { channel: 'web', timestamp: '2026-12-03T10:00:00Z' }),
        refund('r2', null, '1', { timestamp: '2026-12-04T10:00:00Z' }),
      ],
      { groupBy: ['channel'], currency: 'EUR' },
    );
    const net = rows.map((row) => [row.period, row.group['channel'] ?? '(total)', row.netRevenue.value.toString(), row.averageOrderValue.revenue.toString()]);
    expect(net).toStrictEqual([
      ['2026-11', '(total)', '10', '10'],
      ['2026-11', 'web', '10', '10'],
      ['2026-12', '(total)', '-5', '0'],
      ['2026-12', '', '-1', '0'],
      ['2026-12', 'web', '-4', '0'],
    ]);
    expect(rows[2]!.customerLifetimeValue.revenue.toString()).toBe('0');
  });

  test('a Scorecard cell of guest orders only has orders and no customers', () => {
    const [row] = Scorecard.of([order('g1', null, ['A', 'B'])]);
    expect(row!.transactionCrossSellRate).toStrictEqual({ value: 1, crossSellOrders: 1, orders: 1 });
    expect(row!.crossSellRate).toStrictEqual({ value: null, crossSoldCustomers: 0, customers: 0 });
    expect(row!.retentionRate.customersAtEnd).toBe(0);
  });

  test('the Scorecard saves returns and guest orders (version 3) and restores them', () => {
    const scorecard = new Scorecard({ groupBy: ['channel'] }).addAll([order('g1', null, ['A'], '10', { channel: 'web' }), refund('r1', 'ann', '4', { channel: 'web' })]);
    const json = JSON.parse(JSON.stringify(scorecard)) as { version: number; state: { orders: unknown[][]; returns: unknown[][] } };
    expect(json.version).toBe(3);
    expect(json.state.orders[0]![3]).toBeNull();
    expect(json.state.returns).toStrictEqual([['r1', expect.any(Number), 0, '4']]);
    const restored = Scorecard.fromJSON(json);
    expect(restored.result()).toStrictEqual(scorecard.result());
    restored.add(refund('r1', 'ann', '4', { channel: 'web' }));
    expect(restored.result()).toStrictEqual(scorecard.result());
  });
});

import { describe, expect, test } from 'vitest';
import { CustomerLifetimeValue, customerLifetimeValue, type Order } from 'xsell-kpi';
import { expectKpiError } from '../support/expectKpiError.js';

function order(orderId: string, customerId: string, unitPrice: string | number, extra: Partial<Order> = {}): Order {
  return { orderId, customerId, timestamp: '2026-11-02T10:00:00Z', lines: [{ sku: 'A', unitPrice }], ...extra };
}

/** The result with every Decimal as its string, for exact comparisons. */
function plain(acc: CustomerLifetimeValue): unknown {
  const { value, revenue, ...rest } = acc.result();
  return { value: value?.toString() ?? null, revenue: revenue.toString(), ...rest };
}

function values(acc: CustomerLifetimeValue): [string, string][] {
  return Array.from(acc.valuesByCustomer(), ([customerId, revenue]) => [customerId, revenue.toString()]);
}

const orders = [order('o1', 'ann', '100'), order('o2', 'bob', '49.5'), order('o3', 'ann', '50.5'), order('o4', 'cy', '0')];

describe('CustomerLifetimeValue: known values', () => {
  test('revenue over distinct customers, and each customer’s revenue', () => {
    const acc = new CustomerLifetimeValue().addAll(orders);
    expect(plain(acc)).toEqual({ value: '66.66666666666666666666666666666667', revenue: '200', customers: 3, currency: null });
    expect(values(acc)).toEqual([
      ['ann', '150.5'],
      ['bob', '49.5'],
      ['cy', '0'],
    ]);
  });

  test('money is exact: 0.1 + 0.2 = 0.3', () => {
    const result = CustomerLifetimeValue.of([order('o1', 'ann', 0.1), order('o2', 'ann', 0.2)]);
    expect(result.revenue.toString()).toBe('0.3');
    expect(result.value?.toString()).toBe('0.3');
    expect(result.customers).toBe(1);
  });

  test('empty, "__proto__" and numeric customer ids', () => {
    expect(plain(new CustomerLifetimeValue({ currency: 'EUR' }))).toEqual({ value: null, revenue: '0', customers: 0, currency: 'EUR' });
    const acc = new CustomerLifetimeValue().addAll([order('o1', '__proto__', '1'), order('o2', 7 as never, '2'), order('o3', '7', '3')]);
    expect(values(acc)).toEqual([
      ['__proto__', '1'],
      ['7', '5'],
    ]);
  });

  test('valuesByCustomer returns a fresh Map each call', () => {
    const acc = new CustomerLifetimeValue().addAll(orders);
    const first = acc.valuesByCustomer();
    expect(acc.valuesByCustomer()).not.toBe(first);
    first.clear();
    first.set('zed', first.get('ann')!);
    expect(values(acc)).toHaveLength(3);
    expect(acc.result().customers).toBe(3);
  });

  test('result is the formula input plus value', () => {
    const result = CustomerLifetimeValue.of(orders);
    expect(customerLifetimeValue(result)?.toString()).toBe(result.value?.toString());
  });
});

describe('CustomerLifetimeValue: currency, dedupe, merge', () => {
  test('MIXED_CURRENCY on mixed orders, state unchanged', () => {
    const acc = new CustomerLifetimeValue({ currency: 'USD' }).add(order('o1', 'ann', '10'));
    const before = JSON.stringify(acc);
    expectKpiError(() => acc.add(order('o2', 'ann', '10', { currency: 'EUR' })), 'MIXED_CURRENCY', 'currency');
    expect(JSON.stringify(acc)).toBe(before);
    expect(acc.add(order('o3', 'bob', '5', { currency: 'USD' })).result().currency).toBe('USD');
    expectKpiError(() => new CustomerLifetimeValue().add(order('o1', 'ann', '1')).add(order('o2', 'ann', '1', { currency: 'USD' })), 'MIXED_CURRENCY');
  });

  test('MIXED_CURRENCY on merge', () => {
    const usd = new CustomerLifetimeValue().add(order('o1', 'ann', '10', { currency: 'USD' }));
    const none = new CustomerLifetimeValue().add(order('o2', 'bob', '10'));
    expectKpiError(() => usd.merge(none), 'MIXED_CURRENCY');
    expect(plain(usd)).toEqual({ value: '10', revenue: '10', customers: 1, currency: 'USD' });
    expect(usd.merge(new CustomerLifetimeValue()).result().currency).toBe('USD');
    expect(new CustomerLifetimeValue().merge(usd).result().currency).toBe('USD');
  });

  test('re-delivery counts once; conflicting content is refused and changes nothing', () => {
    const acc = new CustomerLifetimeValue().addAll([...orders, ...orders]);
    expect(plain(acc)).toEqual(plain(new CustomerLifetimeValue().addAll(orders)));
    const before = JSON.stringify(acc);
    expectKpiError(() => acc.add(order('o1', 'bob', '100')), 'CONFLICTING_DUPLICATE', 'orderId');
    expect(JSON.stringify(acc)).toBe(before);
  });

  test('overlapping merges count each order once; other unchanged; dedupe: false adds', () => {
    const left = new CustomerLifetimeValue().addAll(orders.slice(0, 3));
    const right = new CustomerLifetimeValue().addAll(orders.slice(1));
    const rightBefore = JSON.stringify(right);
    expect(values(left.merge(right))).toEqual([
      ['ann', '150.5'],
      ['bob', '49.5'],
      ['cy', '0'],
    ]);
    expect(JSON.stringify(right)).toBe(rightBefore);
    const plainLeft = new CustomerLifetimeValue({ dedupe: false }).addAll(orders.slice(0, 2));
    plainLeft.merge(new CustomerLifetimeValue({ dedupe: false }).addAll(orders.slice(1)));
    expect(values(plainLeft)).toEqual([
      ['ann', '150.5'],
      ['bob', '99'],
      ['cy', '0'],
    ]);
    expect(plainLeft.result().revenue.toString()).toBe('249.5');
    expectKpiError(() => left.merge(new CustomerLifetimeValue({ dedupe: false }) as never), 'INCOMPATIBLE_MERGE');
  });
});

describe('CustomerLifetimeValue: JSON', () => {
  test('layout (customers sorted by id), and a round trip that keeps accumulating identically', () => {
    const acc = new CustomerLifetimeValue({ currency: 'USD' }).addAll([order('o1', 'bob', '1.5'), order('o2', 'ann', '2')]);
    const json = JSON.parse(JSON.stringify(acc)) as unknown;
    expect(json).toEqual({
      kind: 'CustomerLifetimeValue',
      version: 3,
      options: { currency: 'USD', dedupe: true, netOfReturns: false },
      state: {
        customers: [
          ['ann', '2'],
          ['bob', '1.5'],
        ],
        currency: 'USD',
        seen: [
          ['o1', expect.any(Number), 'bob', '1.5'],
          ['o2', expect.any(Number), 'ann', '2'],
        ],
      },
    });
    const restored = CustomerLifetimeValue.fromJSON(json);
    expect(plain(restored)).toEqual(plain(acc));
    const more = orders.map((each) => ({ ...each, orderId: `more-${each.orderId}` }));
    restored.addAll(more);
    acc.addAll(more);
    expect(plain(restored)).toEqual(plain(acc));
    expect(values(restored).sort()).toEqual(values(acc).sort());
  });

  test('refuses inconsistent or hostile state', () => {
    const state = (fields: Record<string, unknown>, dedupe = false) => ({ kind: 'CustomerLifetimeValue', version: 1, options: { currency: null, dedupe }, state: fields });
    expectKpiError(() => CustomerLifetimeValue.fromJSON(state({ customers: [['ann', '1'], ['ann', '2']], currency: null })), 'INVALID_STATE', 'state.customers[1][0]');
    expectKpiError(() => CustomerLifetimeValue.fromJSON(state({ customers: [['ann', 1]], currency: null })), 'INVALID_STATE', 'state.customers[0][1]');
    expectKpiError(() => CustomerLifetimeValue.fromJSON(state({ customers: [['', '1']], currency: null })), 'INVALID_STATE', 'state.customers[0][0]');
    expectKpiError(() => CustomerLifetimeValue.fromJSON(state({ customers: [['ann']], currency: null })), 'INVALID_STATE', 'state.customers[0]');
    expectKpiError(() => CustomerLifetimeValue.fromJSON(state({ customers: [], currency: 'USD' })), 'INVALID_STATE', 'state.currency');
    expectKpiError(() => CustomerLifetimeValue.fromJSON(state({ customers: {}, currency: null })), 'INVALID_STATE', 'state.customers');
    expectKpiError(() => CustomerLifetimeValue.fromJSON(state({ customers: [['ann', '1']], currency: null, seen: [['o1', 3, ['bob', '1']]] }, true)), 'INVALID_STATE', 'state.seen[0][2]');
    expectKpiError(() => CustomerLifetimeValue.fromJSON(state({ customers: [['ann', '1']], currency: null, seen: [['o1', 3, ['ann', '2']]] }, true)), 'INVALID_STATE', 'state.seen');
    expectKpiError(() => CustomerLifetimeValue.fromJSON(state({ customers: [['ann', '1']], currency: null, seen: [['o1', 3, ['ann', '1']], ['o1', 3, ['ann', '0']]] }, true)), 'INVALID_STATE', 'state.seen[1][0]');
    expect(CustomerLifetimeValue.fromJSON(state({ customers: [['bob', '1'], ['ann', '1']], currency: null, seen: [['o1', 3, ['ann', '1']], ['o2', 4, ['bob', '1']]] }, true)).result().customers).toBe(2);
    // version 2: the customer of each order in its own field
    const v2 = (fields: Record<string, unknown>) => ({ kind: 'CustomerLifetimeValue', version: 2, options: { currency: null, dedupe: true }, state: fields });
    expect(CustomerLifetimeValue.fromJSON(v2({ customers: [['bob', '1'], ['ann', '1']], currency: null, seen: [['o1', 3, 'ann', '1'], ['o2', 4, 'bob', '1']] })).result().customers).toBe(2);
    expectKpiError(() => CustomerLifetimeValue.fromJSON(v2({ customers: [['ann', '1']], currency: null, seen: [['o1', 3, ['ann', '1']]] })), 'INVALID_STATE', 'state.seen[0]');
    expectKpiError(() => CustomerLifetimeValue.fromJSON(v2({ customers: [['ann', '1']], currency: null, seen: [['o1', 3, 'bob', '1']] })), 'INVALID_STATE', 'state.seen[0][2]');
    expectKpiError(() => CustomerLifetimeValue.fromJSON(v2({ customers: [['ann', '1'], ['bob', '0']], currency: null, seen: [['o1', 3, 'ann', '1']] })), 'INVALID_STATE', 'state.seen');
    expectKpiError(() => CustomerLifetimeValue.fromJSON(v2({ customers: [['ann', '1']], currency: null, seen: [['o1', 3, 'ann', '1'], ['o2', 4, 'ann', '0.5']] })), 'INVALID_STATE', 'state.seen');
  });
});

import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { CustomerSummary, toEpochMilliseconds, type CustomerSummaryOptions, type Order } from 'xsell-kpi';
import * as big from '../reference/bigDecimal.js';
import { exactOrderRevenue, invalidEventArb, isGuest, streamArb } from '../arbitraries/events.js';
import { checkLaws, normalise } from '../laws/checkLaws.js';
import { checkFromJSONFuzz } from '../laws/fromJSONFuzz.js';
import { expectKpiError } from '../support/expectKpiError.js';

const common = { name: 'CustomerSummary', Class: CustomerSummary, invalid: invalidEventArb(['order']) };

/** Options of every kind: an end inside the streams' year (many orders after it) or after it, days or weeks, a zone far from UTC. */
const optionsArb: fc.Arbitrary<Required<Pick<CustomerSummaryOptions, 'observationEnd' | 'timeUnit' | 'timeZone'>>> = fc.record({
  observationEnd: fc.constantFrom('2026-11-15', '2026-12-31', '2027-06-30'),
  timeUnit: fc.constantFrom('day', 'week') as fc.Arbitrary<'day' | 'week'>,
  timeZone: fc.constantFrom('UTC', 'Europe/Berlin', 'Pacific/Kiritimati', 'America/New_York'),
});

checkLaws({ ...common, options: { observationEnd: '2026-12-31', timeUnit: 'week', timeZone: 'Europe/Berlin' }, events: streamArb(), dedupe: true, incompatibleOptions: [{ observationEnd: '2026-12-30' }, { observationEnd: '2026-12-31' }] });
checkLaws({ ...common, options: { observationEnd: '2026-11-15', currency: 'USD', dedupe: false }, events: streamArb({ currency: 'USD' }), dedupe: false, incompatibleOptions: [{ observationEnd: '2026-11-15', timeUnit: 'week', currency: 'USD', dedupe: false }] });
checkLaws({ ...common, label: 'options from an arbitrary', options: optionsArb, events: streamArb(), dedupe: true });

checkFromJSONFuzz({ name: 'CustomerSummary', Class: CustomerSummary, options: { observationEnd: '2026-11-15', timeUnit: 'week' }, events: streamArb() });
checkFromJSONFuzz({ name: 'CustomerSummary', Class: CustomerSummary, options: { observationEnd: '2026-12-31', dedupe: false, timeZone: 'Asia/Kolkata' }, events: streamArb() });

/** The calendar day of an instant in a zone, as days since 1970-01-01, through Intl (not the library's calendar). */
function localDay(timestamp: Order['timestamp'], timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(new Date(toEpochMilliseconds(timestamp)));
  const part = (type: string) => Number(parts.find((item) => item.type === type)!.value);
  return Date.UTC(part('year'), part('month') - 1, part('day')) / 86_400_000;
}

/** The summary by hand: days and their exact revenue per customer, with the BigInt reference. */
function reference(orders: readonly Order[], options: Required<Pick<CustomerSummaryOptions, 'observationEnd' | 'timeUnit' | 'timeZone'>>): unknown {
  const end = Date.UTC(Number(options.observationEnd.slice(0, 4)), Number(options.observationEnd.slice(5, 7)) - 1, Number(options.observationEnd.slice(8))) / 86_400_000;
  const unit = options.timeUnit === 'week' ? 7 : 1;
  const byCustomer = new Map<string, Map<number, big.BigDecimal>>();
  for (const order of orders) {
    if (isGuest(order)) continue;
    const day = localDay(order.timestamp, options.timeZone);
    if (day > end) continue;
    const days = byCustomer.get(String(order.customerId)) ?? new Map<number, big.BigDecimal>();
    days.set(day, big.add(days.get(day) ?? big.parse('0'), exactOrderRevenue(order)));
    byCustomer.set(String(order.customerId), days);
  }
  return [...byCustomer.keys()].sort().map((customerId) => {
    const days = [...byCustomer.get(customerId)!].sort((a, b) => a[0] - b[0]);
    const frequency = days.length - 1;
    const repeat = days.slice(1).reduce((sum, [, revenue]) => big.add(sum, revenue), big.parse('0'));
    return {
      customerId,
      frequency,
      recency: (days[frequency]![0] - days[0]![0]) / unit,
      T: (end - days[0]![0]) / unit,
      monetary: frequency === 0 ? null : big.toPlainString(big.divideSignificant(repeat, big.parse(String(frequency)), 34)),
    };
  });
}

describe('CustomerSummary', () => {
  test('equals a summary by hand: calendar days in the zone through Intl, exact revenue by the BigInt reference', () => {
    fc.assert(
      fc.property(streamArb(), optionsArb, (orders, options) => {
        const result = CustomerSummary.of(orders, options);
        expect(normalise(result.customers)).toStrictEqual(reference(orders, options));
        expect(result).toMatchObject({ observationEnd: options.observationEnd, timeUnit: options.timeUnit, timeZone: options.timeZone, currency: null });
      }),
    );
  });

  test('every customer has 0 ≤ recency ≤ T, recency 0 and monetary null exactly when frequency is 0, monetary ≥ 0', () => {
    fc.assert(
      fc.property(streamArb({ currency: 'USD' }), optionsArb, (orders, options) => {
        for (const customer of CustomerSummary.of(orders, options).customers) {
          expect(Number.isSafeInteger(customer.frequency) && customer.frequency >= 0).toBe(true);
          expect(customer.recency >= 0 && customer.recency <= customer.T).toBe(true);
          expect(customer.frequency === 0).toBe(customer.monetary === null);
          if (customer.frequency === 0) expect(customer.recency).toBe(0);
          else expect(customer.monetary!.isNegative() && !customer.monetary!.isZero()).toBe(false);
        }
      }),
    );
  });

  test('orders on one calendar day are one purchase; the day is the time zone’s', () => {
    const order = (orderId: string, timestamp: string, unitPrice: string): Order => ({ orderId, customerId: 'ann', timestamp, lines: [{ sku: 'A', unitPrice }] });
    const orders = [order('a', '2026-03-01T10:00:00Z', '10'), order('b', '2026-03-01T23:30:00Z', '5'), order('c', '2026-03-08T10:00:00Z', '7.5')];
    expect(normalise(CustomerSummary.of(orders, { observationEnd: '2026-03-15' }).customers)).toStrictEqual([{ customerId: 'ann', frequency: 1, recency: 7, T: 14, monetary: '7.5' }]);
    // In Berlin (UTC+1) the 23:30 order is on 2 March: three purchase days.
    expect(normalise(CustomerSummary.of(orders, { observationEnd: '2026-03-15', timeZone: 'Europe/Berlin', timeUnit: 'week' }).customers)).toStrictEqual([
      { customerId: 'ann', frequency: 2, recency: 1, T: 2, monetary: '6.25' },
    ]);
  });

  test('a customer whose orders all come after the observation end is not in the result, yet the state round-trips', () => {
    const summary = new CustomerSummary({ observationEnd: '2026-01-31', currency: 'EUR' });
    summary.add({ orderId: 'late', customerId: 'zoe', timestamp: '2026-02-01T00:00:00Z', lines: [{ sku: 'A', unitPrice: '1' }] });
    expect(summary.result().customers).toStrictEqual([]);
    expect(summary.result().currency).toBe('EUR');
    const restored = CustomerSummary.fromJSON(JSON.parse(JSON.stringify(summary)));
    expect(restored.toJSON()).toStrictEqual(summary.toJSON());
    restored.add({ orderId: 'early', customerId: 'zoe', timestamp: '2026-01-10T00:00:00Z', lines: [{ sku: 'A', unitPrice: '2' }] });
    expect(normalise(restored.result().customers)).toStrictEqual([{ customerId: 'zoe', frequency: 0, recency: 0, T: 21, monetary: null }]);
  });

  test('options are validated: observationEnd is a required calendar day, timeUnit day or week', () => {
    expectKpiError(() => new CustomerSummary(undefined as never), 'INVALID_OPTION', 'observationEnd');
    expectKpiError(() => new CustomerSummary({ observationEnd: '2026-02-30' }), 'INVALID_OPTION', 'observationEnd');
    expectKpiError(() => new CustomerSummary({ observationEnd: '2026-02-28T00:00:00Z' }), 'INVALID_OPTION', 'observationEnd');
    expectKpiError(() => new CustomerSummary({ observationEnd: '2026-02-28', timeUnit: 'month' as never }), 'INVALID_OPTION', 'timeUnit');
    expectKpiError(() => new CustomerSummary({ observationEnd: '2026-02-28', timeZone: 'Mars/Olympus' }), 'INVALID_OPTION', 'timeZone');
    expectKpiError(() => new CustomerSummary({ observationEnd: '2026-02-28', window: 3 } as never), 'INVALID_OPTION', 'window');
    expect(new CustomerSummary({ observationEnd: '2026-02-28' }).toJSON().options).toStrictEqual({ observationEnd: '2026-02-28', timeUnit: 'day', timeZone: 'UTC', currency: null, dedupe: true });
  });

  test('fromJSON refuses days after the observation end, days out of order, and a kept order of another day', () => {
    const summary = new CustomerSummary({ observationEnd: '2026-01-31' });
    summary.add({ orderId: 'o1', customerId: 'ann', timestamp: '2026-01-05T10:00:00Z', lines: [{ sku: 'A', unitPrice: '3' }] });
    summary.add({ orderId: 'o2', customerId: 'ann', timestamp: '2026-01-06T10:00:00Z', lines: [{ sku: 'A', unitPrice: '4' }] });
    const json = JSON.parse(JSON.stringify(summary)) as { state: { customers: [string, [string, string][]][]; seen: unknown[][] } };
    expect(json.state.customers).toStrictEqual([['ann', [['2026-01-05', '3'], ['2026-01-06', '4']]]]);
    const changed = (change: (copy: typeof json) => void): unknown => {
      const copy = structuredClone(json);
      change(copy);
      return copy;
    };
    expectKpiError(() => CustomerSummary.fromJSON(changed((copy) => (copy.state.customers[0]![1][1]![0] = '2026-02-01'))), 'INVALID_STATE');
    expectKpiError(() => CustomerSummary.fromJSON(changed((copy) => copy.state.customers[0]![1].reverse())), 'INVALID_STATE');
    expectKpiError(() => CustomerSummary.fromJSON(changed((copy) => (copy.state.seen[0]![3] = ['2026-01-07', '3']))), 'INVALID_STATE');
    expectKpiError(() => CustomerSummary.fromJSON(changed((copy) => (copy.state.seen[0]![3] = null))), 'INVALID_STATE');
  });
});

import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { CrossSellRate, crossSellRate, type CrossSellRateOptions, type CrossSellRateResult, type Order } from 'xsell-kpi';
import { invalidEventArb, isGuest, streamArb } from '../arbitraries/events.js';
import { checkLaws } from '../laws/checkLaws.js';
import { checkFromJSONFuzz } from '../laws/fromJSONFuzz.js';
import { expectKpiError } from '../support/expectKpiError.js';

const common = {
  name: 'CrossSellRate',
  Class: CrossSellRate,
  invalid: invalidEventArb(['order']),
  formula: crossSellRate,
  ratioFields: ['value'],
  countFields: ['crossSoldCustomers', 'customers'],
  denominator: (result: CrossSellRateResult) => result.customers,
};

checkLaws({ ...common, events: streamArb(), dedupe: true, incompatibleOptions: [{ by: 'category' }, { minDistinct: 3 }] });
checkLaws({ ...common, options: { by: 'category', minDistinct: 3 }, events: streamArb({ categories: 'always' }), dedupe: true, incompatibleOptions: [{}, { by: 'category' }] });
checkLaws({ ...common, options: { dedupe: false }, events: streamArb(), dedupe: false, incompatibleOptions: [{}] });
checkLaws({
  ...common,
  label: 'any options',
  options: fc.record({ by: fc.constantFrom('sku', 'category'), minDistinct: fc.integer({ min: 1, max: 4 }), dedupe: fc.boolean() }, { requiredKeys: [] }) as fc.Arbitrary<CrossSellRateOptions>,
  events: streamArb({ categories: 'always' }),
  dedupe: false,
});

checkFromJSONFuzz({ ...common, events: streamArb() });
checkFromJSONFuzz({ ...common, options: { by: 'category', minDistinct: 3 }, events: streamArb({ categories: 'always' }) });
checkFromJSONFuzz({ ...common, options: { dedupe: false }, events: streamArb() });

/** The definition, computed naively: customers with ≥ minDistinct distinct products over all their orders (guest orders are no customer's). */
function referenceRate(orders: readonly Order[], { by = 'sku', minDistinct = 2 }: CrossSellRateOptions = {}): CrossSellRateResult {
  const products = new Map<string, Set<string>>();
  for (const order of orders) {
    if (isGuest(order)) continue;
    const bought = products.get(String(order.customerId)) ?? new Set<string>();
    for (const line of order.lines) bought.add(String(by === 'sku' ? line.sku : line.category));
    products.set(String(order.customerId), bought);
  }
  const customers = products.size;
  const crossSoldCustomers = [...products.values()].filter((set) => set.size >= minDistinct).length;
  return { value: customers === 0 ? null : crossSoldCustomers / customers, crossSoldCustomers, customers };
}

const line = (sku: string, category?: string) => ({ sku, unitPrice: '10', ...(category === undefined ? {} : { category }) });
const order = (orderId: string, customerId: string, ...lines: ReturnType<typeof line>[]): Order => ({ orderId, customerId, timestamp: '2026-11-02T10:00:00Z', lines });

describe('CrossSellRate: known values', () => {
  test('matches the definition computed naively, by SKU and by category, for any minDistinct', () => {
    fc.assert(
      fc.property(streamArb({ categories: 'always' }), fc.constantFrom('sku' as const, 'category' as const), fc.integer({ min: 1, max: 4 }), (orders, by, minDistinct) => {
        expect(CrossSellRate.of(orders, { by, minDistinct })).toStrictEqual(referenceRate(orders, { by, minDistinct }));
      }),
    );
  });

  test('the worked example: 100 of 500 customers bought two distinct products → 0.2', () => {
    const orders: Order[] = [];
    for (let index = 0; index < 500; index++) {
      const customer = `c${index}`;
      if (index < 50) {
        orders.push(order(`${customer}-1`, customer, line('laptop'), line('case')));
      } else if (index < 100) {
        orders.push(order(`${customer}-1`, customer, line('laptop')), order(`${customer}-2`, customer, line('mouse')));
      } else if (index < 200) {
        // two orders of the same product: a repeat purchase, not a cross-sell
        orders.push(order(`${customer}-1`, customer, line('laptop')), order(`${customer}-2`, customer, line('laptop'), line('laptop')));
      } else {
        orders.push(order(`${customer}-1`, customer, line('laptop')));
      }
    }
    expect(CrossSellRate.of(orders)).toStrictEqual({ value: 0.2, crossSoldCustomers: 100, customers: 500 });
    // split over three workers, with re-deliveries, merged
    const workers = [new CrossSellRate(), new CrossSellRate(), new CrossSellRate()];
    orders.forEach((item, index) => workers[index % 3]!.add(item).add(structuredClone(item)));
    workers[1]!.addAll(orders.slice(0, 100));
    const [first, ...rest] = workers;
    expect(rest.reduce((total, worker) => total.merge(worker), first!).result()).toStrictEqual({ value: 0.2, crossSoldCustomers: 100, customers: 500 });
  });

  test('by category with minDistinct 3: shoes, socks and laces over several orders', () => {
    const rate = new CrossSellRate({ by: 'category', minDistinct: 3 });
    rate.add(order('o1', 'ann', line('runner', 'shoes'), line('trail', 'shoes')));
    rate.add(order('o2', 'ann', line('wool', 'socks')));
    rate.add(order('o3', 'bob', line('runner', 'shoes'), line('wool', 'socks')));
    expect(rate.result()).toStrictEqual({ value: 0, crossSoldCustomers: 0, customers: 2 });
    rate.add(order('o4', 'ann', line('flat', 'laces')));
    expect(rate.result()).toStrictEqual({ value: 0.5, crossSoldCustomers: 1, customers: 2 });
  });

  test('ids are read as strings: customer 7 and "7" are one customer; "__proto__" is an ordinary customer', () => {
    const orders = [
      order('o1', 7 as unknown as string, line('A')),
      order('o2', '7', line('B')),
      order('o3', '__proto__', line('A'), line('toString')),
      order('o4', 'constructor', line('A')),
    ];
    expect(CrossSellRate.of(orders)).toStrictEqual({ value: 2 / 3, crossSoldCustomers: 2, customers: 3 });
  });

  test('an empty accumulator: value null and zeros', () => {
    expect(new CrossSellRate().result()).toStrictEqual({ value: null, crossSoldCustomers: 0, customers: 0 });
  });

  test("{ by: 'category' } refuses a line without a category, at its path, and changes nothing", () => {
    const rate = new CrossSellRate({ by: 'category' }).add(order('o1', 'ann', line('A', 'shoes')));
    const before = JSON.stringify(rate);
    expectKpiError(() => rate.add(order('o2', 'ann', line('B', 'socks'), line('C'))), 'INVALID_EVENT', 'lines[1].category');
    expect(JSON.stringify(rate)).toBe(before);
  });

  test("{ by: 'category' } checks every line, also after enough distinct categories, and for a customer already cross-sold", () => {
    const late = order('o2', 'bob', line('A', 'shoes'), line('B', 'socks'), line('C'));
    expectKpiError(() => new CrossSellRate({ by: 'category' }).add(late), 'INVALID_EVENT', 'lines[2].category');
    const rate = new CrossSellRate({ by: 'category' }).add(order('o1', 'ann', line('A', 'shoes'), line('B', 'socks')));
    const before = JSON.stringify(rate);
    expectKpiError(() => rate.add(order('o3', 'ann', line('C'))), 'INVALID_EVENT', 'lines[0].category');
    expect(JSON.stringify(rate)).toBe(before);
  });

  test('a re-delivered order with other content is CONFLICTING_DUPLICATE; with dedupe: false it counts', () => {
    const first = order('o1', 'ann', line('A'));
    const changed = order('o1', 'ann', line('A'), line('B'));
    expectKpiError(() => new CrossSellRate().add(first).add(changed), 'CONFLICTING_DUPLICATE', 'orderId');
    expect(new CrossSellRate({ dedupe: false }).add(first).add(changed).result()).toStrictEqual({ value: 1, crossSoldCustomers: 1, customers: 1 });
  });

  test('merging accumulators with other options is INCOMPATIBLE_MERGE', () => {
    expectKpiError(() => new CrossSellRate().merge(new CrossSellRate({ minDistinct: 3 })), 'INCOMPATIBLE_MERGE');
    expectKpiError(() => new CrossSellRate({ by: 'sku' }).merge(new CrossSellRate({ by: 'category' })), 'INCOMPATIBLE_MERGE');
    expect(new CrossSellRate({ by: 'sku', minDistinct: 2 }).merge(new CrossSellRate()).result().customers).toBe(0);
  });
});

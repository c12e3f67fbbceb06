/**
 * The portable runtime smoke: one module, no Node APIs and no globals beyond ECMAScript and Intl,
 * whose `smoke()` text must be identical on Node, Bun, Deno, workerd and Chromium (and equal to
 * expected.txt beside this file). runtimes.test.ts bundles it with the built package (dist/, not
 * src/) and runs it in each runtime.
 *
 * The text prints the actual values, not "ok": ratio and money formulas (a `null` included), money
 * rounding and formatting in USD, JPY, BHD and EUR with locales, accumulators saved with
 * JSON.stringify, restored, merged and compared with one pass, Scorecards in Europe/Berlin across
 * the 2026 daylight-saving changes (2026-03-29 01:00 UTC: +01:00 → +02:00; 2026-10-25 01:00 UTC:
 * +02:00 → +01:00), and KpiErrors with their code and path.
 *
 * Only figures that ECMAScript defines exactly are printed (integer and IEEE double arithmetic,
 * Number-to-String, Decimal strings); Intl output is printed with every non-ASCII character
 * escaped (`\u00a0` is a no-break space), so a CLDR difference shows plainly in a diff.
 */
import {
  attachRate,
  AverageOrderValue,
  averageOrderValue,
  churnRate,
  conversionRate,
  CrossSellRate,
  crossSellRate,
  currencyMinorUnit,
  CustomerLifetimeValue,
  customerLifetimeValue,
  formatMoney,
  formatPercent,
  isKpiError,
  itemsPerOrder,
  offerAcceptanceRate,
  type Order,
  periodKey,
  predictedLifetimeValue,
  repeatPurchaseRate,
  RetentionRate,
  retentionRate,
  revenueShare,
  roi,
  roundMoney,
  Scorecard,
  type ScorecardRow,
  toMoney,
  transactionCrossSellRate,
  upsellRate,
  type CommerceEvent,
} from 'xsell-kpi';

/** Intl text with every character outside printable ASCII written as `\uXXXX`. */
function visible(text: string): string {
  let out = '';
  for (const char of text) {
    const code = char.codePointAt(0)!;
    out += code >= 0x20 && code < 0x7f ? char : `\\u${code.toString(16).padStart(4, '0')}`;
  }
  return out;
}

function isDecimalLike(value: object): value is { toFixed(): string; isZero(): boolean } {
  const candidate = value as { toFixed?: unknown; isZero?: unknown };
  return typeof candidate.toFixed === 'function' && typeof candidate.isZero === 'function';
}

/** A value as text: Decimals as their exact decimal string, objects with their keys sorted. */
function show(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value === 'object') {
    if (isDecimalLike(value)) return `${value.toFixed()}d`;
    if (Array.isArray(value)) return `[${value.map(show).join(', ')}]`;
    const record = value as Record<string, unknown>;
    return `{${Object.keys(record)
      .sort()
      .map((key) => `${key}: ${show(record[key])}`)
      .join(', ')}}`;
  }
  return `<${typeof value}>`;
}

/**
 * Runs `action` and describes the KpiError it throws (or says that it threw none); the message,
 * wording for people, only when asked.
 */
function kpiErrorOf(action: () => unknown, withMessage = false): string {
  try {
    action();
  } catch (error) {
    if (!isKpiError(error)) return `not a KpiError: ${String(error)}`;
    const description = `code=${error.code} path=${JSON.stringify(error.path)} isKpiError=${isKpiError(error)} instanceofError=${error instanceof Error} name=${error.name}`;
    return withMessage ? `${description} message=${JSON.stringify(error.message)}` : description;
  }
  return 'no error';
}

function formulas(out: string[]): void {
  out.push('## formulas');
  out.push(`crossSellRate 100/500 = ${show(crossSellRate({ crossSoldCustomers: 100, customers: 500 }))}`);
  out.push(`crossSellRate 0/0 = ${show(crossSellRate({ crossSoldCustomers: 0, customers: 0 }))}`);
  out.push(`transactionCrossSellRate 1/3 = ${show(transactionCrossSellRate({ crossSellOrders: 1, orders: 3 }))}`);
  out.push(`attachRate 50/200 = ${show(attachRate({ attached: 50, anchors: 200 }))}`);
  out.push(`upsellRate 7/20 = ${show(upsellRate({ upsoldCustomers: 7, customers: 20 }))}`);
  out.push(`offerAcceptanceRate 2/3 = ${show(offerAcceptanceRate({ accepted: 2, offered: 3 }))}`);
  out.push(`conversionRate 0/0 = ${show(conversionRate({ converted: 0, visitors: 0 }))}`);
  out.push(`repeatPurchaseRate 30/120 = ${show(repeatPurchaseRate({ repeatCustomers: 30, customers: 120 }))}`);
  out.push(`retentionRate S=200 E=180 N=40 = ${show(retentionRate({ customersAtStart: 200, customersAtEnd: 180, newCustomers: 40 }))}`);
  out.push(`churnRate 60/200 = ${show(churnRate({ customersAtStart: 200, customersLost: 60 }))}`);
  out.push(`itemsPerOrder 7/3 = ${show(itemsPerOrder({ items: 7, orders: 3 }))}`);
  out.push(`revenueShare 20.01/60.02 = ${show(revenueShare({ part: '20.01', total: '60.02' }))}`);
  out.push(`averageOrderValue 1234.50/15 = ${show(averageOrderValue({ revenue: '1234.50', orders: 15 }))}`);
  out.push(`averageOrderValue 100/3 = ${show(averageOrderValue({ revenue: '100', orders: 3 }))}`);
  out.push(`averageOrderValue 0/0 = ${show(averageOrderValue({ revenue: 0, orders: 0 }))}`);
  out.push(`customerLifetimeValue 100/7 = ${show(customerLifetimeValue({ revenue: '100', customers: 7 }))}`);
  out.push(
    `predictedLifetimeValue 82.3*2.5*3*0.4 = ${show(predictedLifetimeValue({ averageOrderValue: '82.3', purchaseFrequency: 2.5, lifespan: 3, margin: 0.4 }))}`,
  );
  out.push(`roi 1500/1000 = ${show(roi({ revenue: '1500', cost: '1000' }))}, roi 800/1000 = ${show(roi({ revenue: '800', cost: '1000' }))}`);
}

function money(out: string[]): void {
  out.push('## money');
  out.push(`0.1 + 0.2 = ${show(toMoney(0.1).plus(toMoney(0.2)))} (float: ${0.1 + 0.2})`);
  const totals = ['19.99', '20.01', '20.02'];
  const exactSum = totals.reduce((sum, total) => sum.plus(toMoney(total)), toMoney(0));
  out.push(`19.99 + 20.01 + 20.02 = ${show(exactSum)} (float: ${totals.reduce((sum, total) => sum + Number(total), 0)})`);
  out.push(`minor units: USD ${currencyMinorUnit('USD')}, JPY ${currencyMinorUnit('JPY')}, BHD ${currencyMinorUnit('BHD')}, EUR ${currencyMinorUnit('EUR')}`);
  const rounding: [string, string, ('half-even' | 'half-up' | 'floor')?][] = [
    ['2.345', 'USD'],
    ['2.355', 'USD'],
    ['-2.345', 'USD'],
    ['2.345', 'USD', 'half-up'],
    ['2.5', 'JPY'],
    ['3.5', 'JPY'],
    ['1.0005', 'BHD'],
    ['1.0015', 'BHD'],
    ['1.0019', 'BHD', 'floor'],
  ];
  for (const [amount, currency, mode] of rounding) {
    out.push(`roundMoney(${amount}, ${currency}, ${mode ?? 'half-even'}) = ${show(roundMoney(amount, currency, mode))}`);
  }
  const formatted: [string | null, string | null, string?][] = [
    ['1234.565', 'USD'],
    ['-0.005', 'USD'],
    ['1234.5', 'JPY'],
    ['1234.5', 'JPY', 'ja-JP'],
    ['1234.5675', 'BHD'],
    ['1234.5', 'EUR', 'de-DE'],
    ['0.125', null],
    [null, 'USD'],
  ];
  for (const [amount, currency, locale] of formatted) {
    const text = formatMoney(amount, currency, locale === undefined ? {} : { locale });
    out.push(`formatMoney(${amount}, ${currency}${locale === undefined ? '' : `, ${locale}`}) = ${visible(text)}`);
  }
  out.push(`formatPercent: 0.2 ${visible(formatPercent(0.2))}, 1/3 ${visible(formatPercent(1 / 3))}, null ${visible(formatPercent(null))}, 0.255 de-DE ${visible(formatPercent(0.255, { locale: 'de-DE' }))}`);
}

/** An order in EUR. */
function order(orderId: string, customerId: string, channel: string, timestamp: Date | string | number, lines: Order['lines']): Order {
  return { orderId, customerId, channel, currency: 'EUR', timestamp, lines };
}

/** Orders and events around the spring change (2026-03-29 01:00 UTC: +01:00 → +02:00). */
function springEvents(): CommerceEvent[] {
  return [
    // 2026-03-28 23:59:59 in Berlin (+01:00)
    order('m1', 'ann', 'web', '2026-03-28T22:59:59Z', [
      { sku: 'laptop', unitPrice: '999.99' },
      { sku: 'case', unitPrice: '29.99', source: 'cross-sell' },
    ]),
    // 2026-03-29 00:00:00 in Berlin (+01:00)
    order('m2', 'bob', 'store', '2026-03-28T23:00:00Z', [{ sku: 'phone', unitPrice: 499 }]),
    // 03:30 summer time, an hour and a half after the clocks went forward: 01:30 UTC
    order('m3', 'ann', 'web', '2026-03-29T03:30:00+02:00', [
      { sku: 'cable', unitPrice: '9.99', quantity: 3, source: 'cross-sell' },
      { sku: 'warranty', unitPrice: '49.5', source: 'upsell' },
    ]),
    // 2026-03-29 23:59:59.999 in Berlin (+02:00), as epoch milliseconds
    order('m4', 'cem', 'web', Date.UTC(2026, 2, 29, 21, 59, 59, 999), [{ sku: 'mouse', unitPrice: '19.99', discount: '2' }]),
    // 2026-03-30 00:00 in Berlin (+02:00); with a fixed +01:00 it would still be 03-29
    order('m5', 'bob', 'store', new Date(Date.UTC(2026, 2, 29, 22)), [
      { sku: 'phone', unitPrice: 499 },
      { sku: 'charger', unitPrice: 25, source: 'cross-sell' },
    ]),
    { type: 'offer', offerId: 'f1', customerId: 'ann', timestamp: '2026-03-29T01:30:00Z', kind: 'cross-sell', accepted: true, channel: 'web' },
    { type: 'offer', offerId: 'f2', customerId: 'cem', timestamp: '2026-03-29T21:30:00Z', kind: 'cross-sell', accepted: false, channel: 'web' },
    { type: 'offer', offerId: 'f3', customerId: 'ann', timestamp: '2026-03-29T01:35:00Z', kind: 'upsell', accepted: true, channel: 'web' },
    { type: 'visit', visitorId: 'v1', timestamp: '2026-03-29T00:59:59Z', converted: false, channel: 'web' },
    { type: 'visit', visitorId: 'v2', timestamp: '2026-03-29T01:00:00Z', converted: true, channel: 'web' },
  ];
}

/** Orders around the autumn change (2026-10-25 01:00 UTC: +02:00 → +01:00). */
function autumnOrders(): Order[] {
  return [
    // 2026-10-24 23:59:59 in Berlin (+02:00)
    order('o1', 'dan', 'web', '2026-10-24T21:59:59Z', [{ sku: 'tv', unitPrice: '1499.00' }]),
    // 2026-10-25 00:00 in Berlin (+02:00)
    order('o2', 'dan', 'web', '2026-10-24T22:00:00Z', [
      { sku: 'soundbar', unitPrice: '299.95', source: 'cross-sell' },
      { sku: 'hdmi', unitPrice: '12.5', quantity: 2, source: 'cross-sell' },
    ]),
    // the first 02:30 of the repeated hour (+02:00, 00:30 UTC) and the second one (+01:00, 01:30 UTC)
    order('o3', 'eve', 'store', '2026-10-25T02:30:00+02:00', [{ sku: 'kettle', unitPrice: '39.9' }]),
    order('o4', 'eve', 'store', '2026-10-25T02:30:00+01:00', [{ sku: 'toaster', unitPrice: '24.1', source: 'upsell' }]),
    // 2026-10-25 23:59:59 in Berlin (+01:00); with a fixed +02:00 it would be 10-26
    order('o5', 'fay', 'web', '2026-10-25T22:59:59Z', [{ sku: 'tv', unitPrice: '1499.00' }]),
    // 2026-10-26 00:00 in Berlin (+01:00)
    order('o6', 'dan', 'store', '2026-10-25T23:00:00Z', [
      { sku: 'bracket', unitPrice: '45' },
      { sku: 'hdmi', unitPrice: '12.5' },
    ]),
  ];
}

/** Month ends in summer and winter time: the last second of March and of October, and the first of the next month. */
function monthEndOrders(): Order[] {
  return [
    order('e1', 'gus', 'web', '2026-03-31T21:59:59Z', [{ sku: 'case', unitPrice: '29.99' }]),
    order('e2', 'gus', 'web', '2026-03-31T22:00:00Z', [{ sku: 'cable', unitPrice: '9.99' }]),
    order('e3', 'hal', 'store', '2026-10-31T22:59:59Z', [{ sku: 'kettle', unitPrice: '39.9' }]),
    order('e4', 'hal', 'store', '2026-10-31T23:00:00Z', [{ sku: 'mug', unitPrice: '8' }]),
  ];
}

function periodKeys(out: string[]): void {
  out.push('## period keys in Europe/Berlin');
  const instants = [
    '2026-03-28T22:59:59Z',
    '2026-03-28T23:00:00Z',
    '2026-03-29T00:59:59Z',
    '2026-03-29T01:00:00Z',
    '2026-03-29T21:59:59Z',
    '2026-03-29T22:00:00Z',
    '2026-03-31T21:59:59Z',
    '2026-03-31T22:00:00Z',
    '2026-10-24T21:59:59Z',
    '2026-10-24T22:00:00Z',
    '2026-10-25T22:59:59Z',
    '2026-10-25T23:00:00Z',
    '2026-10-31T22:59:59Z',
    '2026-10-31T23:00:00Z',
    '2026-12-31T22:59:59Z',
    '2026-12-31T23:00:00Z',
  ];
  for (const instant of instants) {
    const keys = (['day', 'week', 'month', 'quarter', 'year'] as const).map((grain) => periodKey(instant, grain, 'Europe/Berlin'));
    out.push(`${instant} -> ${keys.join(' ')} (UTC day ${periodKey(instant, 'day')})`);
  }
}

function printRows(out: string[], rows: readonly ScorecardRow[]): void {
  for (const row of rows) {
    out.push(`${row.period} ${show(row.group)}`);
    const record = row as unknown as Record<string, unknown>;
    for (const key of Object.keys(record).sort()) {
      if (key !== 'period' && key !== 'group') out.push(`  ${key}: ${show(record[key])}`);
    }
  }
}

function scorecards(out: string[]): void {
  out.push('## Scorecard day, Europe/Berlin, spring change');
  printRows(out, new Scorecard({ grain: 'day', timeZone: 'Europe/Berlin' }).addAll(springEvents()).result());
  out.push('## Scorecard day, Europe/Berlin, autumn change');
  printRows(out, new Scorecard({ grain: 'day', timeZone: 'Europe/Berlin' }).addAll(autumnOrders()).result());
  out.push('## Scorecard month by channel, Europe/Berlin (order count, customers, revenue, cross-sell rate)');
  const all = [...springEvents(), ...autumnOrders(), ...monthEndOrders()];
  for (const row of new Scorecard({ grain: 'month', timeZone: 'Europe/Berlin', groupBy: ['channel'] }).addAll(all).result()) {
    const { averageOrderValue: aov, crossSellRate: rate, retentionRate: retention } = row;
    out.push(
      `${row.period} ${show(row.group)} orders=${aov.orders} customers=${rate.customers} revenue=${show(aov.revenue)} ${show(aov.currency)} crossSellRate=${show(rate.value)} retention=${show(retention.value)}`,
    );
  }
}

/** The shape every accumulator shares, as far as the smoke uses it. */
interface Accumulating<Self> {
  add(order: Order): Self;
  addAll(orders: Iterable<Order>): Self;
  merge(other: Self): Self;
  result(): unknown;
}

/**
 * Two workers accumulate overlapping parts; each state goes through JSON.stringify and fromJSON;
 * the restored states are merged and compared with one pass, then both take one more order.
 */
function saveRestoreMerge<K extends Accumulating<K>>(
  out: string[],
  name: string,
  make: () => K,
  restore: (json: unknown) => K,
  partA: readonly Order[],
  partB: readonly Order[],
  late: Order,
): void {
  const workerA = make().addAll(partA);
  const workerB = make().addAll(partB);
  const savedA = JSON.stringify(workerA);
  const savedB = JSON.stringify(workerB);
  const header = JSON.parse(savedA) as { kind: unknown; version: unknown };
  const merged = restore(JSON.parse(savedA)).merge(restore(JSON.parse(savedB)));
  const onePass = make().addAll(new Map([...partA, ...partB].map((item) => [item.orderId, item])).values());
  out.push(`${name} json kind=${show(header.kind)} version=${show(header.version)}`);
  out.push(`  worker A: ${show(workerA.result())}`);
  out.push(`  worker B: ${show(workerB.result())}`);
  out.push(`  restored A + B: ${show(merged.result())}`);
  out.push(`  equals one pass: ${show(merged.result()) === show(onePass.result())}`);
  merged.add(late);
  onePass.add(late);
  out.push(`  after one more order: ${show(merged.result())}`);
  out.push(`  still equals one pass: ${show(merged.result()) === show(onePass.result())}`);
}

function accumulators(out: string[]): void {
  out.push('## accumulators: two workers, saved, restored, merged');
  const spring = springEvents().filter((event): event is Order => !('type' in event));
  const orders = [...spring, ...autumnOrders()];
  // Worker A sees the first six orders, worker B the rest and a re-delivery of m5 and o1.
  const partA = orders.slice(0, 6);
  const partB = [orders[4]!, orders[5]!, ...orders.slice(6)];
  const late = order('z1', 'ann', 'web', '2026-10-26T10:00:00Z', [
    { sku: 'case', unitPrice: '0.01' },
    { sku: 'mug', unitPrice: '8' },
  ]);
  saveRestoreMerge(out, 'CrossSellRate', () => new CrossSellRate({ by: 'sku' }), (json) => CrossSellRate.fromJSON(json), partA, partB, late);
  saveRestoreMerge(out, 'AverageOrderValue', () => new AverageOrderValue({ currency: 'EUR' }), (json) => AverageOrderValue.fromJSON(json), partA, partB, late);
  saveRestoreMerge(out, 'CustomerLifetimeValue', () => new CustomerLifetimeValue(), (json) => CustomerLifetimeValue.fromJSON(json), partA, partB, late);
  saveRestoreMerge(out, 'RetentionRate', () => new RetentionRate({ grain: 'day', timeZone: 'Europe/Berlin' }), (json) => RetentionRate.fromJSON(json), partA, partB, late);
  const retention = RetentionRate.fromJSON(JSON.parse(JSON.stringify(new RetentionRate({ grain: 'day', timeZone: 'Europe/Berlin' }).addAll(spring))));
  out.push('RetentionRate by day in Europe/Berlin:');
  for (const period of retention.resultsByPeriod()) out.push(`  ${show(period)}`);
  const lifetime = new CustomerLifetimeValue().addAll(orders);
  out.push(
    `CustomerLifetimeValue by customer: ${[...lifetime.valuesByCustomer()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([customer, value]) => `${customer}=${show(value)}`)
      .join(' ')}`,
  );
  out.push('BHD and JPY order values:');
  const bhd = AverageOrderValue.of(
    [
      { orderId: 'b1', customerId: 'ann', timestamp: '2026-05-01T10:00:00Z', currency: 'BHD', lines: [{ sku: 'a', unitPrice: '10.125' }] },
      { orderId: 'b2', customerId: 'bob', timestamp: '2026-05-01T11:00:00Z', currency: 'BHD', lines: [{ sku: 'b', unitPrice: '0.0005', quantity: 3 }] },
    ],
    {},
  );
  out.push(`  BHD ${show(bhd)} -> ${visible(formatMoney(bhd.value, bhd.currency))}`);
  const jpy = AverageOrderValue.of(
    [
      { orderId: 'j1', customerId: 'ann', timestamp: '2026-05-01T10:00:00Z', lines: [{ sku: 'a', unitPrice: 1000 }] },
      { orderId: 'j2', customerId: 'bob', timestamp: '2026-05-01T11:00:00Z', lines: [{ sku: 'b', unitPrice: 2001 }] },
    ],
    { currency: 'JPY' },
  );
  out.push(`  JPY ${show(jpy)} -> ${visible(formatMoney(jpy.value, jpy.currency, { locale: 'ja-JP' }))}`);
}

function errors(out: string[]): void {
  out.push('## KpiError');
  out.push(`crossSellRate 3/2: ${kpiErrorOf(() => crossSellRate({ crossSoldCustomers: 3, customers: 2 }), true)}`);
  out.push(`crossSellRate 1.5/2: ${kpiErrorOf(() => crossSellRate({ crossSoldCustomers: 1.5, customers: 2 }))}`);
  out.push(`averageOrderValue NaN: ${kpiErrorOf(() => averageOrderValue({ revenue: Number.NaN, orders: 1 }))}`);
  const aov = new AverageOrderValue({ currency: 'EUR' }).add(order('x1', 'ann', 'web', '2026-03-29T12:00:00Z', [{ sku: 'a', unitPrice: '10' }]));
  const before = show(aov.result());
  const bad = order('x2', 'bob', 'web', '2026-03-29T12:00:00Z', [
    { sku: 'a', unitPrice: '5' },
    { sku: 'b', unitPrice: '1,50' },
  ]);
  out.push(`add with a bad unit price: ${kpiErrorOf(() => aov.add(bad))}`);
  out.push(`add in another currency: ${kpiErrorOf(() => aov.add({ ...order('x3', 'bob', 'web', '2026-03-29T12:00:00Z', [{ sku: 'a', unitPrice: '5' }]), currency: 'USD' }))}`);
  out.push(`timestamp without offset: ${kpiErrorOf(() => aov.add(order('x4', 'bob', 'web', '2026-03-29T02:30:00', [{ sku: 'a', unitPrice: '5' }])))}`);
  out.push(`conflicting duplicate: ${kpiErrorOf(() => aov.add(order('x1', 'ann', 'web', '2026-03-29T12:00:00Z', [{ sku: 'a', unitPrice: '11' }])))}`);
  out.push(`  accumulator unchanged after each: ${show(aov.result()) === before} ${show(aov.result())}`);
  const inDollars = new AverageOrderValue().add({ ...order('u1', 'bob', 'web', '2026-03-29T12:00:00Z', [{ sku: 'a', unitPrice: '5' }]), currency: 'USD' });
  out.push(`merge EUR orders with USD orders: ${kpiErrorOf(() => new AverageOrderValue().addAll(autumnOrders()).merge(inDollars))}`);
  out.push(`merge different options: ${kpiErrorOf(() => new CrossSellRate({ by: 'sku' }).merge(new CrossSellRate({ by: 'category' })))}`);
  out.push(`unknown time zone: ${kpiErrorOf(() => new Scorecard({ timeZone: 'Mars/Olympus_Mons' }))}`);
  const newer = { ...(JSON.parse(JSON.stringify(new CrossSellRate())) as Record<string, unknown>), version: 99 };
  out.push(`newer state version: ${kpiErrorOf(() => CrossSellRate.fromJSON(newer))}`);
  out.push(`hostile state: ${kpiErrorOf(() => CrossSellRate.fromJSON(JSON.parse('{"kind":"CrossSellRate","version":1,"options":{},"state":{"__proto__":{"x":1}}}')))}`);
}

/**
 * The smoke text: the same lines on every runtime.
 * @returns The multi-line report, without a final newline.
 */
export function smoke(): string {
  const out: string[] = ['xsell-kpi runtime smoke'];
  formulas(out);
  money(out);
  periodKeys(out);
  scorecards(out);
  accumulators(out);
  errors(out);
  return out.join('\n');
}

// Seeded synthetic order lines for `npm run bench` (bench/run.ts).
//
// generateOrders(lines, seed) yields orders lazily until `lines` order lines have been produced;
// materializeOrders() collects them once into an array, so every contender in a run reads the very
// same objects (and generating them is never part of a timing).
//
// Shape: ~2.5 lines per order (1 + geometric, at most 12), ~4 orders per customer (the first
// `customers` orders go to customers 0..customers-1, the rest to customers drawn with a mild skew
// toward low ids), SKUs Zipf-distributed (s = 1.07) over 5,000 SKUs in 50 categories, unit prices as
// strings, every fifth SKU with 4 decimals and the others with 2; ~15% of lines with quantity 2 or 3,
// ~10% with a 2-decimal discount; sources organic 80% / cross-sell 15% / upsell 5%; channels web 45%
// / app 30% / store 15% / marketplace 10%; timestamps uniform over 2026 as ISO strings (UTC);
// currency 'EUR'. Ids and timestamps are fresh strings per order, as when parsed from JSON or CSV.
//
// Options (GenerateOptions) change the shape for other cases; without them the stream is exactly the
// one above: `start` and `days` spread the timestamps over other days (731 days from 2024-01-01 is
// two years, a leap year included), `dimension` adds `dimensions[name]` with `values` values.
import { mulberry32 } from '../examples/support/random.js';
import type { Order, OrderLine } from '../src/index.js';

/** A generated order: every one has a customer. */
export type BenchOrder = Order & { customerId: string };

const SKUS = 5_000;
const CATEGORIES = 50;
const ZIPF_EXPONENT = 1.07;
const YEAR_START = Date.UTC(2026, 0, 1);
const DAY_MS = 86_400_000;
export const LINES_PER_ORDER = 2.5;
export const ORDERS_PER_CUSTOMER = 4;
export const CHANNELS = ['web', 'app', 'store', 'marketplace'] as const;
/** Categories of the two most popular SKUs: the anchor of the AttachRate contender. */
export const ANCHOR_CATEGORIES = ['cat-00', 'cat-01'];

/** The product catalogue: SKUs, their categories and prices, and the Zipf popularity curve. */
export interface Catalogue {
  skus: string[];
  categories: string[];
  prices: string[];
  priceValues: number[];
  /** Cumulative Zipf weights, normalized to end at 1. */
  cdf: Float64Array;
}

export function catalogue(seed: number): Catalogue {
  const random = mulberry32(seed ^ 0x5eed);
  const skus: string[] = [];
  const categories: string[] = [];
  const prices: string[] = [];
  const priceValues: number[] = [];
  const cdf = new Float64Array(SKUS);
  let total = 0;
  for (let rank = 0; rank < SKUS; rank++) {
    skus.push(`SKU-${String(rank).padStart(5, '0')}`);
    categories.push(`cat-${String(rank % CATEGORIES).padStart(2, '0')}`);
    const price = Math.exp(Math.log(500) * random()); // log-uniform, 1 to 500
    const text = price.toFixed(rank % 5 === 0 ? 4 : 2);
    prices.push(text);
    priceValues.push(Number(text));
    total += 1 / Math.pow(rank + 1, ZIPF_EXPONENT);
    cdf[rank] = total;
  }
  for (let rank = 0; rank < SKUS; rank++) cdf[rank] = cdf[rank]! / total;
  return { skus, categories, prices, priceValues, cdf };
}

/** The SKU rank whose cumulative weight first reaches `u`. */
export function zipfRank(cdf: Float64Array, u: number): number {
  let low = 0;
  let high = cdf.length - 1;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (cdf[middle]! < u) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * A line of the SKU of this rank: source organic 80% / cross-sell 15% / upsell 5%, quantity 2 or 3 on
 * ~15% of lines, a 2-decimal discount on ~10%. Draws from `random` in a fixed order.
 */
export function lineOfRank(world: Catalogue, rank: number, random: () => number): OrderLine {
  const roll = random();
  const line: OrderLine = {
    sku: world.skus[rank]!,
    category: world.categories[rank]!,
    unitPrice: world.prices[rank]!,
    source: roll < 0.8 ? 'organic' : roll < 0.95 ? 'cross-sell' : 'upsell',
  };
  const quantity = random() < 0.85 ? 1 : random() < 0.7 ? 2 : 3;
  if (quantity > 1) line.quantity = quantity;
  if (random() < 0.1) line.discount = (Math.floor(world.priceValues[rank]! * quantity * 10) / 100).toFixed(2);
  return line;
}

/** What can differ from the default workload. */
export interface GenerateOptions {
  /** The first day, as UTC epoch milliseconds of its midnight: 2026-01-01 by default. */
  start?: number;
  /** Days the timestamps are spread over, uniformly: 365 (the year 2026) by default. */
  days?: number;
  /**
   * A dimension with `values` values (`store-0001`, ... for name `store`), in `dimensions[name]`:
   * each customer has a home value (a hash of their number) taking 80% of their orders; the others
   * go to any value, uniformly. None by default.
   */
  dimension?: { name: string; values: number };
}

/** The values of a generated dimension: `${name}-0001` ... (shared strings, like channel names). */
export function dimensionValues(name: string, values: number): string[] {
  const width = Math.max(4, String(values).length);
  return Array.from({ length: values }, (_, index) => `${name}-${String(index + 1).padStart(width, '0')}`);
}

/** Yields orders lazily until exactly `lines` order lines have been produced (the last order may be cut short). */
export function* generateOrders(lines: number, seed = 20260101, options: GenerateOptions = {}): Generator<BenchOrder> {
  const world = catalogue(seed);
  const random = mulberry32(seed);
  const customers = Math.max(1, Math.round(lines / LINES_PER_ORDER / ORDERS_PER_CUSTOMER));
  const start = options.start ?? YEAR_START;
  const span = (options.days ?? 365) * DAY_MS;
  const dimension = options.dimension;
  const values = dimension === undefined ? [] : dimensionValues(dimension.name, dimension.values);
  let produced = 0;
  for (let index = 0; produced < lines; index++) {
    const customer = index < customers ? index : Math.floor(customers * Math.pow(random(), 1.5));
    let lineCount = 1;
    while (lineCount < 12 && random() < 0.6) lineCount++;
    lineCount = Math.min(lineCount, lines - produced);
    const orderLines: OrderLine[] = [];
    const used: number[] = [];
    while (orderLines.length < lineCount) {
      let rank = zipfRank(world.cdf, random());
      while (used.includes(rank)) rank = zipfRank(world.cdf, random());
      used.push(rank);
      orderLines.push(lineOfRank(world, rank, random));
    }
    produced += orderLines.length;
    const channelRoll = random();
    const order: BenchOrder = {
      orderId: `ORD-${String(index + 1).padStart(8, '0')}`,
      customerId: `CUST-${String(customer).padStart(7, '0')}`,
      timestamp: new Date(start + Math.floor(random() * span)).toISOString(),
      currency: 'EUR',
      channel: channelRoll < 0.45 ? CHANNELS[0] : channelRoll < 0.75 ? CHANNELS[1] : channelRoll < 0.9 ? CHANNELS[2] : CHANNELS[3],
      lines: orderLines,
    };
    if (dimension !== undefined) {
      const home = Math.imul(customer + 1, 0x9e3779b1) >>> 0;
      const value = random() < 0.8 ? home % values.length : Math.floor(random() * values.length);
      order.dimensions = { [dimension.name]: values[value]! };
    }
    yield order;
  }
}

export interface Workload {
  orders: BenchOrder[];
  lines: number;
  customers: number;
}

/** Generates once and keeps the orders, so every contender reads the same objects. */
export function materializeOrders(lines: number, seed?: number, options?: GenerateOptions): Workload {
  const orders = Array.from(generateOrders(lines, seed, options));
  const customers = new Set<string>();
  for (const order of orders) customers.add(order.customerId);
  return { orders, lines, customers: customers.size };
}

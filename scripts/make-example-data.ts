// Writes examples/data/orders.csv: a year of a small electronics shop's order lines, the input of
// `npm run demo` (xsell-kpi report examples/data/orders.csv --grain month --time-zone Europe/Berlin).
//
//   npx tsx scripts/make-example-data.ts [--seed 20250101] [--out examples/data/orders.csv]
//
// Seeded (mulberry32): the same seed writes the same bytes. The columns are the CLI's
// (the README's *Command line*: order_id,customer_id,timestamp,sku,category,quantity,unit_price,discount,currency,channel,
// segment,source); timestamps are wall-clock times in Europe/Berlin without an offset, as many
// shop exports write them. The story in the numbers: accessories are offered beside every laptop
// and phone (cross-sell), extended warranties at checkout (upsell); the offers stopped showing in
// August (a bug) and ran with a bundle promotion in November, which the demo's p-chart flags catch.
import { mulberry32 } from '../examples/support/random.js';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { seed: { type: 'string', default: '20250101' }, out: { type: 'string', default: 'examples/data/orders.csv' } } });

const random = mulberry32(Number(values.seed));
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
function weighted<T>(items: readonly (readonly [T, number])[]): T {
  let roll = random() * items.reduce((sum, [, weight]) => sum + weight, 0);
  for (const [item, weight] of items) {
    roll -= weight;
    if (roll < 0) return item;
  }
  return items[items.length - 1]![0];
}

interface Product {
  sku: string;
  category: string;
  price: string;
}

const anchors: Product[] = [
  { sku: 'LAPTOP-13', category: 'laptops', price: '899.00' },
  { sku: 'LAPTOP-15', category: 'laptops', price: '1249.00' },
  { sku: 'PHONE-S', category: 'phones', price: '499.00' },
  { sku: 'PHONE-PRO', category: 'phones', price: '999.00' },
  { sku: 'TABLET-10', category: 'tablets', price: '379.00' },
  { sku: 'HEADPHONES-NC', category: 'audio', price: '249.00' },
];
const accessories: Record<string, Product[]> = {
  laptops: [
    { sku: 'SLEEVE-13', category: 'accessories', price: '29.90' },
    { sku: 'MOUSE-WL', category: 'accessories', price: '34.99' },
    { sku: 'USB-C-HUB', category: 'accessories', price: '49.00' },
    { sku: 'OFFICE-1Y', category: 'software', price: '69.00' },
  ],
  phones: [
    { sku: 'CASE-CLEAR', category: 'accessories', price: '19.99' },
    { sku: 'CHARGER-30W', category: 'accessories', price: '24.90' },
    { sku: 'GLASS-GUARD', category: 'accessories', price: '14.99' },
  ],
  tablets: [
    { sku: 'PEN-2', category: 'accessories', price: '89.00' },
    { sku: 'COVER-10', category: 'accessories', price: '39.00' },
  ],
  audio: [{ sku: 'CABLE-AUX', category: 'accessories', price: '9.99' }],
};
const warranty: Record<string, Product> = {
  laptops: { sku: 'CARE-LAPTOP-2Y', category: 'services', price: '149.00' },
  phones: { sku: 'CARE-PHONE-2Y', category: 'services', price: '79.00' },
  tablets: { sku: 'CARE-TABLET-2Y', category: 'services', price: '59.00' },
  audio: { sku: 'CARE-AUDIO-2Y', category: 'services', price: '29.00' },
};
const cables: Product[] = [
  { sku: 'CABLE-USB-C-1M', category: 'cables', price: '12.90' },
  { sku: 'CABLE-HDMI-2M', category: 'cables', price: '15.90' },
];

// Orders per month (seasonal), and the share of orders shown a cross-sell offer.
const ordersPerMonth = [150, 120, 135, 130, 140, 125, 130, 135, 140, 150, 240, 260];
const offerShown = [0.4, 0.42, 0.4, 0.4, 0.44, 0.4, 0.4, 0.1, 0.4, 0.42, 0.8, 0.45];

const customers = Array.from({ length: 1200 }, (_, index) => ({
  id: `C${String(index + 1).padStart(4, '0')}`,
  segment: random() < 0.15 ? 'b2b' : 'b2c',
  // Some customers come back often, most rarely.
  weight: random() < 0.2 ? 2.5 : 1,
}));
const customerWeights = customers.map((customer) => [customer, customer.weight] as const);

const header = 'order_id,customer_id,timestamp,sku,category,quantity,unit_price,discount,currency,channel,segment,source';
const lines = [header];
const pad = (value: number): string => String(value).padStart(2, '0');
const daysIn = (month: number): number => new Date(Date.UTC(2025, month + 1, 0)).getUTCDate();

let orderNumber = 10000;
for (let month = 0; month < 12; month++) {
  // Orders of a month, in time order.
  const stamps = Array.from({ length: ordersPerMonth[month]! }, () => {
    const day = 1 + Math.floor(random() * daysIn(month));
    const minutes = 8 * 60 + Math.floor(random() * 13 * 60);
    return { day, minutes, second: Math.floor(random() * 60) };
  }).sort((a, b) => a.day - b.day || a.minutes - b.minutes);
  for (const stamp of stamps) {
    orderNumber += 1;
    const customer = weighted(customerWeights);
    const channel = weighted([['web', 6], ['store', 3], ['app', 2]] as const);
    const timestamp = `2025-${pad(month + 1)}-${pad(stamp.day)} ${pad(Math.floor(stamp.minutes / 60))}:${pad(stamp.minutes % 60)}:${pad(stamp.second)}`;
    const anchor = weighted(anchors.map((product, index) => [product, [5, 3, 6, 3, 2, 3][index]!] as const));
    const items: { product: Product; quantity: number; source: string; discount: string }[] = [{ product: anchor, quantity: 1, source: '', discount: '' }];
    if (random() < offerShown[month]! && random() < 0.35) {
      const accessory = pick(accessories[anchor.category]!);
      // November's bundle: 10% off the accessory.
      const discount = month === 10 ? (Math.round(Number(accessory.price) * 10) / 100).toFixed(2) : '';
      items.push({ product: accessory, quantity: 1, source: 'cross-sell', discount });
    }
    if (random() < (month === 7 ? 0.02 : 0.08)) items.push({ product: warranty[anchor.category]!, quantity: 1, source: 'upsell', discount: '' });
    if (random() < 0.05) items.push({ product: pick(cables), quantity: 1 + Math.floor(random() * 3), source: 'organic', discount: '' });
    if (customer.segment === 'b2b' && random() < 0.5) items[0]!.quantity = 2 + Math.floor(random() * 4);
    for (const { product, quantity, source, discount } of items) {
      lines.push(
        [`A${orderNumber}`, customer.id, timestamp, product.sku, product.category, String(quantity), product.price, discount, 'EUR', channel, customer.segment, source].join(','),
      );
    }
  }
}

mkdirSync(dirname(values.out), { recursive: true });
writeFileSync(values.out, `${lines.join('\n')}\n`);
console.log(`wrote ${values.out}: ${lines.length - 1} order lines of ${orderNumber - 10000} orders`);

// Streaming in a service: two queue workers each see part of the stream (with at-least-once
// re-deliveries across them), persist their state as JSON, and a reporter restores and merges it.
// The merged figures equal one pass over the stream, re-deliveries counted once.
import { AverageOrderValue, CrossSellRate, formatMoney, formatPercent, isKpiError, Scorecard, type CommerceEvent, type Order } from 'xsell-kpi';
import { printScorecard } from './support/printScorecard.js';
import { sampleEvents } from './support/sampleEvents.js';

const events = sampleEvents(800, 7);
const isOrder = (event: CommerceEvent): event is Order => event.type === undefined || event.type === 'order';

// The queue delivers the first 60 % to worker A and the last 60 % to worker B: 20 % arrive twice.
const cut = Math.floor(events.length * 0.4);
const partA = events.slice(0, events.length - cut);
const partB = events.slice(cut);

function worker(part: CommerceEvent[]): string {
  const crossSell = new CrossSellRate();
  const orderValue = new AverageOrderValue({ currency: 'EUR' });
  const scorecard = new Scorecard({ grain: 'quarter', groupBy: ['channel'] });
  for (const event of part) {
    if (isOrder(event)) {
      crossSell.add(event);
      orderValue.add(event);
      orderValue.add(event); // a redelivered message: changes nothing
    }
    scorecard.add(event);
  }
  // What a worker persists between deploys (a database row, a key-value store, a file).
  return JSON.stringify({ crossSell, orderValue, scorecard });
}

const savedA = worker(partA);
const savedB = worker(partB);

// The reporter restores both states, validating them, and merges.
function restore(saved: string) {
  const json = JSON.parse(saved) as { crossSell: unknown; orderValue: unknown; scorecard: unknown };
  return { crossSell: CrossSellRate.fromJSON(json.crossSell), orderValue: AverageOrderValue.fromJSON(json.orderValue), scorecard: Scorecard.fromJSON(json.scorecard) };
}
const a = restore(savedA);
const b = restore(savedB);
a.crossSell.merge(b.crossSell);
a.orderValue.merge(b.orderValue);
a.scorecard.merge(b.scorecard);

// One pass over the stream, for comparison.
const orders = events.filter(isOrder);
const single = { crossSell: CrossSellRate.of(orders), orderValue: AverageOrderValue.of(orders, { currency: 'EUR' }) };

const merged = { crossSell: a.crossSell.result(), orderValue: a.orderValue.result() };
console.log(`events: ${events.length}; worker A saw ${partA.length}, worker B ${partB.length} (${partA.length + partB.length - events.length} delivered twice)`);
console.log(`saved state: worker A ${savedA.length.toLocaleString('en-US')} bytes, worker B ${savedB.length.toLocaleString('en-US')} bytes of JSON\n`);
console.log(`cross-sell rate   merged ${formatPercent(merged.crossSell.value)} (${merged.crossSell.crossSoldCustomers}/${merged.crossSell.customers})   one pass ${formatPercent(single.crossSell.value)}`);
console.log(`orders            merged ${merged.orderValue.orders}   one pass ${single.orderValue.orders}`);
console.log(`revenue           merged ${merged.orderValue.revenue.toFixed()}   one pass ${single.orderValue.revenue.toFixed()}`);
console.log(`average order     merged ${formatMoney(merged.orderValue.value, 'EUR')}   one pass ${formatMoney(single.orderValue.value, 'EUR')}\n`);
if (merged.orderValue.orders !== single.orderValue.orders || !merged.orderValue.revenue.equals(single.orderValue.revenue) || merged.crossSell.crossSoldCustomers !== single.crossSell.crossSoldCustomers) {
  throw new Error('merged state differs from one pass');
}
printScorecard(a.scorecard.result());

// The same order id with different content is refused, and the state is unchanged.
const first = orders[0]!;
try {
  a.orderValue.add({ ...first, lines: [{ sku: 'other', unitPrice: '1.00' }] });
} catch (error) {
  if (!isKpiError(error)) throw error;
  console.log(`\nre-delivered ${first.orderId} with other content → ${error.code}; orders still ${a.orderValue.result().orders}`);
}

// A law of every KPI fold (src/_internal/fold.ts): `isEmpty()` is true exactly while the fold's
// state is a new fold's, after any events, a merge, or a state written and read back. A money
// KPI's saved currency rests on it (null exactly when the fold is empty: orderEngine.ts refuses
// any other), and a Scorecard row picks a KPI's currency by it.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { AnyFold } from '../../src/_internal/fold.js';
import { OrderEngine, type EngineOptions, type FoldSpec } from '../../src/_internal/orderEngine.js';
import { attachRateSettings, attachRateSpec } from '../../src/kpis/attachRate/fold.js';
import { averageOrderValueSettings, averageOrderValueSpec } from '../../src/kpis/averageOrderValue/fold.js';
import { churnRateSettings, churnRateSpec } from '../../src/kpis/churnRate/fold.js';
import { conversionRateSettings, conversionRateSpec } from '../../src/kpis/conversionRate/fold.js';
import { crossSellRateSettings, crossSellRateSpec } from '../../src/kpis/crossSellRate/fold.js';
import { customerLifetimeValueSettings, customerLifetimeValueSpec } from '../../src/kpis/customerLifetimeValue/fold.js';
import { itemsPerOrderSettings, itemsPerOrderSpec } from '../../src/kpis/itemsPerOrder/fold.js';
import { netRevenueSettings, netRevenueSpec } from '../../src/kpis/netRevenue/fold.js';
import { offerAcceptanceRateSettings, offerAcceptanceRateSpec } from '../../src/kpis/offerAcceptanceRate/fold.js';
import { repeatPurchaseRateSettings, repeatPurchaseRateSpec } from '../../src/kpis/repeatPurchaseRate/fold.js';
import { retentionRateSettings, retentionRateSpec } from '../../src/kpis/retentionRate/fold.js';
import { revenuePerConversionSettings, revenuePerConversionSpec } from '../../src/kpis/revenuePerConversion/fold.js';
import { revenueShareSettings, revenueShareSpec } from '../../src/kpis/revenueShare/fold.js';
import { transactionCrossSellRateSettings, transactionCrossSellRateSpec } from '../../src/kpis/transactionCrossSellRate/fold.js';
import { upsellRateSettings, upsellRateSpec } from '../../src/kpis/upsellRate/fold.js';
import { streamArb, type EventKind } from '../arbitraries/events.js';

type Engine = OrderEngine<AnyFold, EngineOptions>;

interface Case {
  readonly name: string;
  readonly create: () => Engine;
  readonly kinds: readonly EventKind[];
}

/** A case: the engine of `spec` with `options` read by `settings`, fed events of `kinds`. */
function kpi<F extends AnyFold, O extends EngineOptions>(name: string, spec: FoldSpec<F, O>, settings: (options: unknown) => O, options: object, kinds: readonly EventKind[] = ['order']): Case {
  return { name, create: () => new OrderEngine(spec, settings(options)) as unknown as Engine, kinds };
}

const CASES: readonly Case[] = [
  kpi('AttachRate per customer', attachRateSpec, attachRateSettings, { anchor: { skus: ['A'] }, attach: { categories: ['socks'] } }),
  kpi('AttachRate per order', attachRateSpec, attachRateSettings, { anchor: { skus: ['A'] }, per: 'order' }),
  kpi('AverageOrderValue', averageOrderValueSpec, averageOrderValueSettings, {}),
  kpi('ChurnRate', churnRateSpec, churnRateSettings, { grain: 'month' }),
  kpi('ConversionRate', conversionRateSpec, conversionRateSettings, {}, ['visit']),
  kpi('CrossSellRate', crossSellRateSpec, crossSellRateSettings, {}),
  kpi('CustomerLifetimeValue', customerLifetimeValueSpec, customerLifetimeValueSettings, {}),
  kpi('CustomerLifetimeValue net of returns', customerLifetimeValueSpec, customerLifetimeValueSettings, { netOfReturns: true }, ['order', 'return']),
  kpi('ItemsPerOrder', itemsPerOrderSpec, itemsPerOrderSettings, {}),
  kpi('NetRevenue', netRevenueSpec, netRevenueSettings, {}, ['order', 'return']),
  kpi('OfferAcceptanceRate', offerAcceptanceRateSpec, offerAcceptanceRateSettings, {}, ['offer']),
  kpi('RepeatPurchaseRate', repeatPurchaseRateSpec, repeatPurchaseRateSettings, {}),
  kpi('RetentionRate', retentionRateSpec, retentionRateSettings, { grain: 'week' }),
  kpi('RevenuePerConversion', revenuePerConversionSpec, revenuePerConversionSettings, { source: 'cross-sell' }),
  kpi('RevenueShare', revenueShareSpec, revenueShareSettings, { source: 'upsell' }),
  kpi('TransactionCrossSellRate', transactionCrossSellRateSpec, transactionCrossSellRateSettings, {}),
  kpi('UpsellRate', upsellRateSpec, upsellRateSettings, {}),
];

/** The fold's state as JSON text. */
const stateText = (engine: Engine): string => JSON.stringify(engine.fold.toJSON());

/** isEmpty() is true exactly when the state is a new engine's. */
function expectEmptinessOfState(engine: Engine, fresh: string): void {
  expect(engine.fold.isEmpty()).toBe(stateText(engine) === fresh);
}

describe('isEmpty() of every KPI fold: true exactly while its state is a new fold’s', () => {
  test.each(CASES)('$name', ({ create, kinds }) => {
    const fresh = stateText(create());
    expect(create().fold.isEmpty()).toBe(true);
    // one stream (its ids are distinct), split between two engines
    fc.assert(
      fc.property(streamArb({ kinds, maxLength: 12 }), fc.nat(), (events, cut) => {
        const first = events.slice(0, cut % (events.length + 1));
        const second = events.slice(first.length);
        const left = create();
        for (const event of first) left.add(event);
        expectEmptinessOfState(left, fresh);
        const written = left.toJSON();
        expectEmptinessOfState(create().load(JSON.parse(JSON.stringify(written.state)), written.version), fresh);
        const right = create();
        for (const event of second) right.add(event);
        left.merge(right);
        expectEmptinessOfState(left, fresh);
      }),
    );
  });
});

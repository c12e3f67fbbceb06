import type { NormalizedOffer, NormalizedOrder, NormalizedVisit } from '../_internal/normalize.js';
import { AverageOrderValue } from '../kpis/averageOrderValue/accumulator.js';
import { ConversionRate } from '../kpis/conversionRate/accumulator.js';
import { CrossSellRate } from '../kpis/crossSellRate/accumulator.js';
import { CustomerLifetimeValue } from '../kpis/customerLifetimeValue/accumulator.js';
import { ItemsPerOrder } from '../kpis/itemsPerOrder/accumulator.js';
import { OfferAcceptanceRate } from '../kpis/offerAcceptanceRate/accumulator.js';
import { RepeatPurchaseRate } from '../kpis/repeatPurchaseRate/accumulator.js';
import { RevenuePerConversion } from '../kpis/revenuePerConversion/accumulator.js';
import { RevenueShare } from '../kpis/revenueShare/accumulator.js';
import { TransactionCrossSellRate } from '../kpis/transactionCrossSellRate/accumulator.js';
import { UpsellRate } from '../kpis/upsellRate/accumulator.js';
import type { AccumulatorJSON } from '../core/accumulator.js';
import { asStateError, invalidState, stateArray, stateId, stateObject } from '../_internal/state.js';

/**
 * One (period × group) cell of the Scorecard: an accumulator per KPI, without their own
 * de-duplication (the Scorecard de-duplicates once, for all of them), plus the set of active
 * customers for retention and churn.
 * @internal
 * @module
 */

/** @internal The options every cell of one Scorecard shares. */
export interface CellOptions {
  by: 'sku' | 'category';
  minDistinct: number;
  currency: string | null;
}

const ORDER_PARTS = [
  'crossSellRate',
  'transactionCrossSellRate',
  'upsellRate',
  'repeatPurchaseRate',
  'averageOrderValue',
  'itemsPerOrder',
  'customerLifetimeValue',
  'revenuePerCrossSell',
  'revenuePerUpsell',
  'crossSellRevenueShare',
] as const;

/** @internal */
export class Cell {
  readonly active = new Set<string>();
  readonly crossSellRate: CrossSellRate;
  readonly transactionCrossSellRate: TransactionCrossSellRate;
  readonly upsellRate: UpsellRate;
  readonly repeatPurchaseRate: RepeatPurchaseRate;
  readonly averageOrderValue: AverageOrderValue;
  readonly itemsPerOrder: ItemsPerOrder;
  readonly customerLifetimeValue: CustomerLifetimeValue;
  readonly revenuePerCrossSell: RevenuePerConversion;
  readonly revenuePerUpsell: RevenuePerConversion;
  readonly crossSellRevenueShare: RevenueShare;
  crossSellAcceptanceRate = new OfferAcceptanceRate({ kind: 'cross-sell' });
  upsellAcceptanceRate = new OfferAcceptanceRate({ kind: 'upsell' });
  conversionRate = new ConversionRate();

  constructor(readonly options: CellOptions) {
    const { by, minDistinct, currency } = options;
    this.crossSellRate = new CrossSellRate({ by, minDistinct, dedupe: false });
    this.transactionCrossSellRate = new TransactionCrossSellRate({ by, dedupe: false });
    this.upsellRate = new UpsellRate({ dedupe: false });
    this.repeatPurchaseRate = new RepeatPurchaseRate({ dedupe: false });
    this.averageOrderValue = new AverageOrderValue({ currency, dedupe: false });
    this.itemsPerOrder = new ItemsPerOrder({ dedupe: false });
    this.customerLifetimeValue = new CustomerLifetimeValue({ currency, dedupe: false });
    this.revenuePerCrossSell = new RevenuePerConversion({ source: 'cross-sell', currency, dedupe: false });
    this.revenuePerUpsell = new RevenuePerConversion({ source: 'upsell', currency, dedupe: false });
    this.crossSellRevenueShare = new RevenueShare({ source: 'cross-sell', currency, dedupe: false });
  }

  /** Adds a validated order whose currency and products the Scorecard has already checked. */
  addOrder(order: NormalizedOrder): void {
    for (const part of ORDER_PARTS) this[part].addNormalized(order);
    this.active.add(order.customerId);
  }

  addOffer(offer: NormalizedOffer): void {
    (offer.kind === 'cross-sell' ? this.crossSellAcceptanceRate : this.upsellAcceptanceRate).addNormalized(offer);
  }

  addVisit(visit: NormalizedVisit): void {
    this.conversionRate.addNormalized(visit);
  }

  /** Folds the other cell's order-based parts in (the cells saw disjoint orders). */
  mergeOrders(other: Cell): void {
    this.crossSellRate.merge(other.crossSellRate);
    this.transactionCrossSellRate.merge(other.transactionCrossSellRate);
    this.upsellRate.merge(other.upsellRate);
    this.repeatPurchaseRate.merge(other.repeatPurchaseRate);
    this.averageOrderValue.merge(other.averageOrderValue);
    this.itemsPerOrder.merge(other.itemsPerOrder);
    this.customerLifetimeValue.merge(other.customerLifetimeValue);
    this.revenuePerCrossSell.merge(other.revenuePerCrossSell);
    this.revenuePerUpsell.merge(other.revenuePerUpsell);
    this.crossSellRevenueShare.merge(other.crossSellRevenueShare);
    for (const customerId of other.active) this.active.add(customerId);
  }

  /**
   * Folds the other cell's offers and visits in. Offers with an id and visitors count once however
   * the streams overlap; offers without an id cannot be recognised, so they add up.
   */
  mergeOffersAndVisits(other: Cell): void {
    this.crossSellAcceptanceRate.merge(other.crossSellAcceptanceRate);
    this.upsellAcceptanceRate.merge(other.upsellAcceptanceRate);
    this.conversionRate.merge(other.conversionRate);
  }

  /** Whether any order was added. */
  hasOrders(): boolean {
    return this.active.size > 0;
  }

  /** Offers and visits as JSON; with `withOrders`, the order-based parts as well. */
  toJSON(withOrders: boolean): Record<string, unknown> {
    const json: Record<string, unknown> = {
      crossSellAcceptanceRate: this.crossSellAcceptanceRate.toJSON(),
      upsellAcceptanceRate: this.upsellAcceptanceRate.toJSON(),
      conversionRate: this.conversionRate.toJSON(),
    };
    if (withOrders) {
      for (const part of ORDER_PARTS) json[part] = this[part].toJSON();
      json['active'] = [...this.active];
    }
    return json;
  }

  /** Reads what {@link toJSON} wrote into this empty cell, validating every part. */
  load(value: unknown, path: string, withOrders: boolean): void {
    const parts = ['crossSellAcceptanceRate', 'upsellAcceptanceRate', 'conversionRate'];
    const json = stateObject(value, path, withOrders ? [...parts, ...ORDER_PARTS, 'active'] : parts);
    const expect = <T extends { toJSON(): AccumulatorJSON }>(part: string, restored: T, template: T): T => {
      if (JSON.stringify(restored.toJSON().options) !== JSON.stringify(template.toJSON().options)) throw invalidState(`${path}.${part}.options`, 'not the options of this Scorecard');
      return restored;
    };
    const read = <T extends { toJSON(): AccumulatorJSON }>(part: string, fromJSON: (json: unknown) => T, template: T): T =>
      expect(part, asStateError(`${path}.${part}`, () => fromJSON(json[part])), template);
    this.crossSellAcceptanceRate = read('crossSellAcceptanceRate', OfferAcceptanceRate.fromJSON, this.crossSellAcceptanceRate);
    this.upsellAcceptanceRate = read('upsellAcceptanceRate', OfferAcceptanceRate.fromJSON, this.upsellAcceptanceRate);
    this.conversionRate = read('conversionRate', ConversionRate.fromJSON, this.conversionRate);
    if (!withOrders) return;
    const restore = {
      crossSellRate: CrossSellRate.fromJSON,
      transactionCrossSellRate: TransactionCrossSellRate.fromJSON,
      upsellRate: UpsellRate.fromJSON,
      repeatPurchaseRate: RepeatPurchaseRate.fromJSON,
      averageOrderValue: AverageOrderValue.fromJSON,
      itemsPerOrder: ItemsPerOrder.fromJSON,
      customerLifetimeValue: CustomerLifetimeValue.fromJSON,
      revenuePerCrossSell: RevenuePerConversion.fromJSON,
      revenuePerUpsell: RevenuePerConversion.fromJSON,
      crossSellRevenueShare: RevenueShare.fromJSON,
    };
    for (const part of ORDER_PARTS) {
      // Merging the restored part into this cell's empty one checks options and currency.
      const restored = read(part, restore[part] as (json: unknown) => { toJSON(): AccumulatorJSON }, this[part]);
      asStateError(`${path}.${part}`, () => (this[part] as { merge(other: unknown): unknown }).merge(restored));
    }
    stateArray(json['active'], `${path}.active`).forEach((customer, index) => {
      const customerId = stateId(customer, `${path}.active[${index}]`);
      if (this.active.has(customerId)) throw invalidState(`${path}.active[${index}]`, 'customer appears twice');
      this.active.add(customerId);
    });
    if (this.active.size !== this.customerLifetimeValue.result().customers) throw invalidState(`${path}.active`, 'does not match the customers of the cell');
  }
}

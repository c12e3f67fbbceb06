import type DecimalJs from 'decimal.js';

/**
 * An exact decimal number, as returned by every money result.
 *
 * @remarks
 * Instances come from xsell-kpi's private `Decimal.clone()` of
 * [decimal.js](https://mikemcl.github.io/decimal.js/), so they never share configuration with the
 * host application's own decimal.js. Read them with `.toString()` or `.toFixed(2)`, round them
 * with {@link roundMoney}, show them with {@link formatMoney}.
 *
 * @category Money
 */
export type Decimal = DecimalJs;

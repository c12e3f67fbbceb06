// decimal.js ships a single CommonJS-format decimal.d.ts: in an ES module under `moduleResolution:
// node16 | nodenext` a default import of it is the module object (TS2709 "Cannot use namespace as a
// type" in dist/index.d.ts, and every money result typed `any` under skipLibCheck), while its named
// `Decimal` export resolves in every mode. A namespace import reaches it without an alias, so the
// bundled declarations need no renamed binding (`Decimal$1`). Type-only: at run time decimal.mjs
// has a default export only (see src/_internal/decimal.ts).
import type * as decimal from 'decimal.js';

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
export type Decimal = decimal.Decimal;

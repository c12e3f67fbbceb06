// The named export, not the default one: decimal.js ships a single CommonJS-format decimal.d.ts,
// and in an ES module under `moduleResolution: node16 | nodenext` a default import of it is the
// module object (TS2709 "Cannot use namespace as a type" in dist/index.d.ts, and every money
// result typed `any` under skipLibCheck). `Decimal` is a named export in every resolution mode.
// Type-only: at run time decimal.mjs has a default export only (see src/_internal/decimal.ts).
import type { Decimal as DecimalJs } from 'decimal.js';

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

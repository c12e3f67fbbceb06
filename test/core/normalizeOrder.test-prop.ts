import DecimalJs from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { MoneyInput, Order } from 'xsell-kpi';
import { readOrderView } from '../support/readOrder.js';
import { Decimal } from '../../src/_internal/decimal.js';
import { exactOrderRevenue, orderArb } from '../arbitraries/events.js';
import * as big from '../reference/bigDecimal.js';
import { expectAmount, exact, lineCaseArb, moneyFormArb, moneyInput, numberValue, orderCaseArb, plain, priceValueArb, quantityValueArb, writingArb } from '../support/amounts.js';
import { expectKpiError } from '../support/expectKpiError.js';

/**
 * readOrder computes each line's revenue (quantity × unitPrice − discount) and the order's
 * revenue on the exact fast money path: checked against the BigInt reference computed from the
 * raw inputs (strings in every plain form, numbers through their shortest string, decimal.js
 * values; 2- and 4-decimal prices, huge amounts, fractional and exponent quantities).
 */

describe('readOrder: exact line and order revenue', () => {
  test('every line amount and the order revenue equal the BigInt reference', () => {
    fc.assert(
      fc.property(orderCaseArb(), ({ order, lines, revenue }) => {
        const normalized = readOrderView(order);
        expect(normalized.lines).toHaveLength(lines.length);
        normalized.lines.forEach((line, index) => {
          const expected = lines[index]!;
          expect(line.quantity).toBe(order.lines[index]!.quantity ?? 1);
          expectAmount(line.unitPrice, expected.unitPrice, `lines[${index}].unitPrice`);
          expectAmount(line.discount, expected.discount, `lines[${index}].discount`);
          expectAmount(line.revenue, expected.revenue, `lines[${index}].revenue`);
        });
        expectAmount(normalized.revenue, revenue, 'revenue');
      }),
    );
  });

  test('orders from the shared event arbitrary: revenue equals exactOrderRevenue', () => {
    fc.assert(
      fc.property(orderArb(), (order) => {
        expectAmount(readOrderView(order).revenue, exactOrderRevenue(order));
      }),
    );
  });

  test('4-decimal and huge prices times fractional quantities, as strings, numbers and Decimals', () => {
    const cases: [MoneyInput, number | undefined, MoneyInput | undefined, string][] = [
      ['123456789012345678.1234', 3, '0.0002', '370370367037037034.37'],
      ['123456789012345678.1234', 1.5, undefined, '185185183518518517.1851'],
      ['19.9999', 0.001, undefined, '0.0199999'],
      ['0.0001', 1e-7, undefined, '0.00000000001'],
      ['4503599627.370496', 1, undefined, '4503599627.370496'],
      ['4503599627.370496', 2, '0.000001', '9007199254.740991'],
      [0.1, 3, undefined, '0.3'],
      [19.99, 1e21, undefined, '19990000000000000000000'],
      [new Decimal('12.3456'), 2.5, new DecimalJs('0.864'), '30'],
      ['+.5', undefined, '-0', '0.5'],
      ['7.', 2, '0.000', '14'],
      ['19.900', 1, '19.9', '0'],
    ];
    for (const [unitPrice, quantity, discount, revenue] of cases) {
      const line: Record<string, unknown> = { sku: 'A', unitPrice };
      if (quantity !== undefined) line['quantity'] = quantity;
      if (discount !== undefined) line['discount'] = discount;
      const normalized = readOrderView({ orderId: 'o', customerId: 'c', timestamp: new Date(0), lines: [line] });
      expectAmount(normalized.lines[0]!.revenue, big.parse(revenue), `${String(unitPrice)} × ${String(quantity)} − ${String(discount)}`);
      expectAmount(normalized.revenue, big.parse(revenue));
    }
  });

  test('a discount above the gross (by as little as 10⁻¹²) throws INVALID_MONEY at lines[i].discount', () => {
    const formArb = moneyFormArb.filter((form) => form !== 'number');
    fc.assert(
      fc.property(
        fc.array(lineCaseArb(), { minLength: 0, maxLength: 3 }),
        priceValueArb,
        fc.option(quantityValueArb, { nil: undefined }),
        fc.integer({ min: 0, max: 12 }),
        formArb,
        writingArb,
        fc.constantFrom('', 'events[3]'),
        (before, price, quantity, excess, form, writing, prefix) => {
          const gross = big.multiply(price, quantity === undefined ? exact(1n, 0) : numberValue(quantity));
          const discount = moneyInput(big.add(gross, exact(1n, excess)), form, writing);
          const line: Record<string, unknown> = { sku: 'A', unitPrice: plain(price), discount: discount.input };
          if (quantity !== undefined) line['quantity'] = quantity;
          const order: Order = { orderId: 'o', customerId: 'c', timestamp: new Date(0), lines: [...before.map((item) => item.line), line as never] };
          const path = `${prefix === '' ? '' : `${prefix}.`}lines[${before.length}].discount`;
          expectKpiError(() => readOrderView(order, prefix), 'INVALID_MONEY', path);
        },
      ),
    );
  });

  test('a discount equal to the gross leaves zero revenue', () => {
    fc.assert(
      fc.property(priceValueArb, fc.integer({ min: 1, max: 1000 }), writingArb, (price, quantity, writing) => {
        const gross = big.multiply(price, exact(BigInt(quantity), 0));
        const normalized = readOrderView({ orderId: 'o', customerId: 'c', timestamp: new Date(0), lines: [{ sku: 'A', unitPrice: plain(price), quantity, discount: moneyInput(gross, 'string', writing).input }] });
        expectAmount(normalized.revenue, exact(0n, 0));
      }),
    );
  });
});

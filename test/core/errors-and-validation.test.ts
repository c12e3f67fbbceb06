import DecimalJs from 'decimal.js';
import { describe, expect, test } from 'vitest';
import {
  averageOrderValue,
  currencyMinorUnit,
  isCurrencyCode,
  isKpiError,
  itemsPerOrder,
  KpiError,
  predictedLifetimeValue,
  revenueShare,
  roi,
  roundMoney,
  toMoney,
  type RoundingMode,
} from 'xsell-kpi';
import { expectKpiError } from '../support/expectKpiError.js';

describe('KpiError', () => {
  test('carries code, path and a prefixed message', () => {
    const error = new KpiError('INVALID_MONEY', 'lines[2].unitPrice', 'expected an amount ≥ 0');
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('KpiError');
    expect(error.message).toBe('[xsell-kpi] INVALID_MONEY at lines[2].unitPrice: expected an amount ≥ 0');
  });

  test('isKpiError recognises the brand, not the class', () => {
    expect(isKpiError(new KpiError('NEGATIVE_COUNT', 'x', 'y'))).toBe(true);
    expect(isKpiError(Object.assign(new Error('x'), { code: 'NEGATIVE_COUNT', path: '' }))).toBe(false);
    expect(isKpiError(null)).toBe(false);
    expect(isKpiError('KpiError')).toBe(false);
  });
});

describe('toMoney rejects what is not a plain decimal', () => {
  test.each(['', ' 1', '1 ', '1e3', '0x10', 'NaN', 'Infinity', '1,000', '--1', '.', '1.2.3', '١٢'])('%j is INVALID_MONEY', (text) => {
    expectKpiError(() => toMoney(text, 'lines[0].unitPrice'), 'INVALID_MONEY', 'lines[0].unitPrice');
  });
  test.each([Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY])('%d is INVALID_NUMBER', (number) => {
    expectKpiError(() => toMoney(number, 'discount'), 'INVALID_NUMBER', 'discount');
  });
  test('a non-finite Decimal is INVALID_NUMBER, other types INVALID_MONEY', () => {
    expectKpiError(() => toMoney(new DecimalJs(Number.NaN)), 'INVALID_NUMBER');
    expectKpiError(() => toMoney(null as never), 'INVALID_MONEY');
    expectKpiError(() => toMoney({ toString: () => '1' } as never), 'INVALID_MONEY');
  });
  test('accepts signs and bare fractions', () => {
    expect(toMoney('+1.50').toFixed()).toBe('1.5');
    expect(toMoney('-.25').toFixed()).toBe('-0.25');
    expect(toMoney('7.').toFixed()).toBe('7');
  });
});

describe('money formulas validate their amounts', () => {
  test('negative amounts are INVALID_MONEY at their path', () => {
    expectKpiError(() => averageOrderValue({ revenue: '-1', orders: 2 }), 'INVALID_MONEY', 'revenue');
    expectKpiError(() => roi({ revenue: '1', cost: '-0.01' }), 'INVALID_MONEY', 'cost');
    expectKpiError(() => revenueShare({ part: '-1', total: '5' }), 'INVALID_MONEY', 'part');
  });
  test('a part above the total is NUMERATOR_EXCEEDS_DENOMINATOR', () => {
    expectKpiError(() => revenueShare({ part: '5.01', total: '5' }), 'NUMERATOR_EXCEEDS_DENOMINATOR', 'part');
  });
  test('negative zero is zero, not negative', () => {
    expect(averageOrderValue({ revenue: '-0', orders: 1 })?.toFixed()).toBe('0');
  });
  test('orders are counts', () => {
    expectKpiError(() => averageOrderValue({ revenue: '1', orders: 1.5 }), 'NOT_AN_INTEGER', 'orders');
    expectKpiError(() => averageOrderValue({ revenue: '1', orders: -1 }), 'NEGATIVE_COUNT', 'orders');
  });
  test('predictedLifetimeValue checks its factors and margin', () => {
    expectKpiError(() => predictedLifetimeValue({ averageOrderValue: '1', purchaseFrequency: -1, lifespan: 1 }), 'NEGATIVE_COUNT', 'purchaseFrequency');
    expectKpiError(() => predictedLifetimeValue({ averageOrderValue: '1', purchaseFrequency: 1, lifespan: Number.NaN }), 'INVALID_NUMBER', 'lifespan');
    expectKpiError(() => predictedLifetimeValue({ averageOrderValue: '1', purchaseFrequency: 1, lifespan: 1, margin: 1.2 }), 'INVALID_NUMBER', 'margin');
  });
  test('itemsPerOrder takes fractional quantities but not negative ones', () => {
    expect(itemsPerOrder({ items: 7.5, orders: 3 })).toBe(2.5);
    expectKpiError(() => itemsPerOrder({ items: -1, orders: 3 }), 'NEGATIVE_COUNT', 'items');
    expectKpiError(() => itemsPerOrder({ items: Number.POSITIVE_INFINITY, orders: 3 }), 'INVALID_NUMBER', 'items');
  });
});

describe('currencies', () => {
  test('ISO 4217 minor units', () => {
    expect(['USD', 'EUR', 'GBP', 'JPY', 'KRW', 'BHD', 'KWD', 'TND', 'CLF', 'UYW', 'ISK', 'XOF'].map(currencyMinorUnit)).toEqual([
      2, 2, 2, 0, 0, 3, 3, 3, 4, 4, 0, 0,
    ]);
  });
  test('unknown codes and codes without a minor unit are INVALID_CURRENCY', () => {
    for (const code of ['usd', 'XAU', 'XXX', 'ABC', '', 'toString', '__proto__']) {
      expect(isCurrencyCode(code)).toBe(false);
      expectKpiError(() => currencyMinorUnit(code), 'INVALID_CURRENCY', 'currency');
    }
  });
  test('an unknown rounding mode is INVALID_OPTION', () => {
    expectKpiError(() => roundMoney('1.005', 'USD', 'bankers' as RoundingMode), 'INVALID_OPTION', 'mode');
    expectKpiError(() => roundMoney('1.005', 'USD', 'toString' as RoundingMode), 'INVALID_OPTION', 'mode');
  });
});

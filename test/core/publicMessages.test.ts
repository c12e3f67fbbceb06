import DecimalJs from 'decimal.js';
import { describe, expect, test } from 'vitest';
import { KpiError, currencyMinorUnit, formatMoney, formatPercent, roundMoney, toMoney, validateEvent } from 'xsell-kpi';
import { refusal } from '../support/refusal.js';

/**
 * The whole message of each error the public core throws: code, path and the words people read
 * (`[xsell-kpi] CODE at path: detail`). Every message here was read and is what it should say;
 * mutation testing showed none of them was pinned.
 */

describe('KpiError', () => {
  test('names the path only when there is one', () => {
    expect(new KpiError('INVALID_EVENT', '', 'x').message).toBe('[xsell-kpi] INVALID_EVENT: x');
    expect(new KpiError('INVALID_EVENT', 'lines[0].sku', 'x').message).toBe('[xsell-kpi] INVALID_EVENT at lines[0].sku: x');
  });
});

describe('validateEvent', () => {
  test('something that is not an object, at the root', () => {
    expect(refusal(() => validateEvent(42))).toStrictEqual(['INVALID_EVENT', '', '[xsell-kpi] INVALID_EVENT: expected an event object, got number']);
  });
  test('an unknown type is neither an order nor a return', () => {
    expect(refusal(() => validateEvent({ type: 'refund', returnId: 'r1', orderId: 'o1', timestamp: '2026-11-02T10:00:00Z', amount: '1' }))).toStrictEqual([
      'INVALID_EVENT',
      'type',
      `[xsell-kpi] INVALID_EVENT at type: expected 'order', 'offer', 'visit' or 'return', got "refund"`,
    ]);
  });
});

describe('toMoney and roundMoney', () => {
  test('each refusal, at the path given (none by default)', () => {
    expect(refusal(() => toMoney('abc'))).toStrictEqual(['INVALID_MONEY', '', '[xsell-kpi] INVALID_MONEY: expected a plain decimal string such as "19.99", got "abc"']);
    expect(refusal(() => toMoney(Infinity, 'price'))).toStrictEqual(['INVALID_NUMBER', 'price', '[xsell-kpi] INVALID_NUMBER at price: expected a finite amount, got Infinity']);
    expect(refusal(() => toMoney(new DecimalJs(Number.NaN)))).toStrictEqual(['INVALID_NUMBER', '', '[xsell-kpi] INVALID_NUMBER: expected a finite amount, got NaN']);
    expect(refusal(() => toMoney(null as never))).toStrictEqual(['INVALID_MONEY', '', '[xsell-kpi] INVALID_MONEY: expected a decimal string, number or Decimal, got null']);
    expect(refusal(() => toMoney(true as never))).toStrictEqual(['INVALID_MONEY', '', '[xsell-kpi] INVALID_MONEY: expected a decimal string, number or Decimal, got boolean']);
  });
  test('roundMoney names its argument and its mode', () => {
    expect(refusal(() => roundMoney('abc', 'USD'))).toStrictEqual(['INVALID_MONEY', 'value', '[xsell-kpi] INVALID_MONEY at value: expected a plain decimal string such as "19.99", got "abc"']);
    expect(refusal(() => roundMoney('1', 'USD', 'sideways' as never))).toStrictEqual([
      'INVALID_OPTION',
      'mode',
      `[xsell-kpi] INVALID_OPTION at mode: expected a rounding mode such as 'half-even', got "sideways"`,
    ]);
  });
  test('currencyMinorUnit', () => {
    expect(refusal(() => currencyMinorUnit('XYZ'))).toStrictEqual(['INVALID_CURRENCY', 'currency', '[xsell-kpi] INVALID_CURRENCY at currency: expected an ISO 4217 code with a minor unit, got "XYZ"']);
    expect(refusal(() => currencyMinorUnit(5 as never))).toStrictEqual(['INVALID_CURRENCY', 'currency', '[xsell-kpi] INVALID_CURRENCY at currency: expected an ISO 4217 code with a minor unit, got 5']);
  });
});

describe('formatPercent and formatMoney', () => {
  test('a value that is not a finite number', () => {
    expect(refusal(() => formatPercent(Number.NaN))).toStrictEqual(['INVALID_NUMBER', 'value', '[xsell-kpi] INVALID_NUMBER at value: expected a finite number or null, got NaN']);
    expect(refusal(() => formatPercent('0.5' as never))).toStrictEqual(['INVALID_NUMBER', 'value', '[xsell-kpi] INVALID_NUMBER at value: expected a finite number or null, got 0.5']);
    expect(refusal(() => formatMoney('abc', null))).toStrictEqual(['INVALID_MONEY', 'value', '[xsell-kpi] INVALID_MONEY at value: expected a plain decimal string such as "19.99", got "abc"']);
  });
  test('a locale Intl refuses names what it was asked', () => {
    const [code, path, text] = refusal(() => formatPercent(0.5, { locale: 'not a locale!' }));
    expect([code, path]).toStrictEqual(['INVALID_OPTION', 'options']);
    expect(text.startsWith('[xsell-kpi] INVALID_OPTION at options: Intl.NumberFormat refused not a locale!|style=percent,maximumFractionDigits=1: ')).toBe(true);
  });
  test('an amount without a currency keeps all its decimals', () => {
    expect(formatMoney('1234.56789', null)).toBe('1,234.56789');
    expect(formatMoney('-0.12345', null)).toBe('-0.12345');
  });
});

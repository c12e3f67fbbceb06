import { expect, test } from 'vitest';
import { formatMoney, formatPercent } from 'xsell-kpi';
import { expectKpiError } from '../support/expectKpiError.js';

test('formatPercent', () => {
  expect(formatPercent(0.2)).toBe('20%');
  expect(formatPercent(0)).toBe('0%');
  expect(formatPercent(1)).toBe('100%');
  expect(formatPercent(0.12345, { maximumFractionDigits: 2 })).toBe('12.35%');
  expect(formatPercent(null)).toBe('—');
  expectKpiError(() => formatPercent(Number.NaN), 'INVALID_NUMBER', 'value');
  expectKpiError(() => formatPercent(0.5, { locale: 'not a locale!' }), 'INVALID_OPTION');
});

test('formatMoney rounds half-even through the exact decimal, never a float', () => {
  expect(formatMoney('2.345', 'USD')).toBe('$2.34');
  expect(formatMoney('2.355', 'USD')).toBe('$2.36');
  expect(formatMoney('2.345', 'USD', { mode: 'half-up' })).toBe('$2.35');
  expect(formatMoney('12345678901234567890.125', 'USD')).toBe('$12,345,678,901,234,567,890.12');
  expect(formatMoney('-0.001', 'USD')).toBe('$0.00');
  expect(formatMoney('1.2345', 'BHD')).toBe('BHD\u00a01.234');
  expect(formatMoney('1234.5', null)).toBe('1,234.5');
  expect(formatMoney(null, null)).toBe('—');
  expectKpiError(() => formatMoney('1', 'XAU'), 'INVALID_CURRENCY');
});

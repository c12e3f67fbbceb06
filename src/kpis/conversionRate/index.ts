export { ConversionRate, type ConversionRateOptions, type ConversionRateResult } from './accumulator.js';
export * from './conversionRate.js';

export * from './accumulator.js';
export * from './conversionRate.js';

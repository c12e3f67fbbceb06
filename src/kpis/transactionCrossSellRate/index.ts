export * from './accumulator.js';
export * from './transactionCrossSellRate.js';

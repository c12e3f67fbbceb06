export * from './accumulator.js';
export * from './repeatPurchaseRate.js';

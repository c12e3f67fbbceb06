export * from './TransactionCrossSellRate.js';
export * from './formula.js';

export * from './RepeatPurchaseRate.js';
export * from './formula.js';

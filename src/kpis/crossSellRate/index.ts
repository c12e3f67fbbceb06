export * from './CrossSellRate.js';
export * from './formula.js';

export * from './accumulator.js';
export * from './crossSellRate.js';

export * from './AverageOrderValue.js';
export * from './formula.js';

export * from './NetRevenue.js';
export * from './formula.js';

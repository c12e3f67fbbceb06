export * from './RevenuePerConversion.js';
export * from './formula.js';

export * from './RevenueShare.js';
export * from './formula.js';

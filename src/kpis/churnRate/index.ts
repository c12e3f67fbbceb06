export * from './ChurnRate.js';
export * from './formula.js';

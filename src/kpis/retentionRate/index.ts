export * from './RetentionRate.js';
export * from './formula.js';

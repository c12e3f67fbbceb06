export * from './ConversionRate.js';
export * from './formula.js';

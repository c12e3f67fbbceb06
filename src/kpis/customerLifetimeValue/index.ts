export * from './CustomerLifetimeValue.js';
export * from './formula.js';

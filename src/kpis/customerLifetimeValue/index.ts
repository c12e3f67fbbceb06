export * from './accumulator.js';
export * from './customerLifetimeValue.js';

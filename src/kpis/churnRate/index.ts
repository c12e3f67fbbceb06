export * from './accumulator.js';
export * from './churnRate.js';

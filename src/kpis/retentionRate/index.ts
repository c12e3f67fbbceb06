export * from './accumulator.js';
export * from './retentionRate.js';

export * from './accumulator.js';
export * from './averageOrderValue.js';

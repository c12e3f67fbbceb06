export * from './accumulator.js';
export * from './itemsPerOrder.js';

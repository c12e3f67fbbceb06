export * from './ItemsPerOrder.js';
export * from './formula.js';

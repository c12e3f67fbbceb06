export * from './itemsPerOrder.js';

export * from './averageOrderValue.js';

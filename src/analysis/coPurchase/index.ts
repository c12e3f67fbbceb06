export * from './CoPurchase.js';

export * from './repeatPurchaseRate.js';

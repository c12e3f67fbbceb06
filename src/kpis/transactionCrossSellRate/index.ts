export * from './transactionCrossSellRate.js';

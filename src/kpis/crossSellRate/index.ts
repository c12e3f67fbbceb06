export * from './crossSellRate.js';

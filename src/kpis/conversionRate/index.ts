export * from './conversionRate.js';

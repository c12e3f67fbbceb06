export * from './CustomerSummary.js';

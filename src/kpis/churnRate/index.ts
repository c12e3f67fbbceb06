export * from './churnRate.js';

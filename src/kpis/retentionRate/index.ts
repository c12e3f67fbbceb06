export * from './retentionRate.js';

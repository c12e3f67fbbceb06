export * from './accumulator.js';
export * from './revenueShare.js';

export * from './accumulator.js';
export * from './revenuePerConversion.js';

export * from './accumulator.js';
export * from './offerAcceptanceRate.js';

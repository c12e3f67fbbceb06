export * from './accumulator.js';
export * from './upsellRate.js';

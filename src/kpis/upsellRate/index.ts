export * from './UpsellRate.js';
export * from './formula.js';

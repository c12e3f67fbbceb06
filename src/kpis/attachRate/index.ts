export * from './AttachRate.js';
export * from './formula.js';

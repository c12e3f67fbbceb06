export * from './accumulator.js';
export * from './attachRate.js';

export * from './benchmarkBand.js';

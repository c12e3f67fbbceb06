export * from './compareMeans.js';
export * from './compareRates.js';
export * from './sampleSize.js';
export * from './wilsonInterval.js';

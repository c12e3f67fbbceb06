export * from './roi.js';

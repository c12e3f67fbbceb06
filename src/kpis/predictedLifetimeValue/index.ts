export * from './predictedLifetimeValue.js';

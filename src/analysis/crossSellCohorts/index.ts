export * from './CrossSellCohorts.js';

export * from './scorecardSeries.js';
export * from './suddenChanges.js';

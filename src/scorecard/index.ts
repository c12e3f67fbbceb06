export * from './Scorecard.js';

export * from './offerAcceptanceRate.js';

export * from './OfferAcceptanceRate.js';
export * from './formula.js';

export { OfferAcceptanceRate, type OfferAcceptanceRateOptions, type OfferAcceptanceRateResult } from './accumulator.js';
export * from './offerAcceptanceRate.js';

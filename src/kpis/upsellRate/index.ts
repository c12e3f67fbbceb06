export * from './upsellRate.js';

export * from './revenuePerConversion.js';

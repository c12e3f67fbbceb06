export * from './revenueShare.js';

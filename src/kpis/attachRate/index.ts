export * from './attachRate.js';

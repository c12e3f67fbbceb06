export * from './periodChange.js';

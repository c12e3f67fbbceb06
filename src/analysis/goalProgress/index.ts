export * from './goalProgress.js';

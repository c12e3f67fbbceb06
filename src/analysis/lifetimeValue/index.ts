export * from './BgNbdModel.js';
export * from './GammaGammaModel.js';
export * from './fitBgNbd.js';
export * from './fitGammaGamma.js';
export * from './histories.js';
export * from './predictCustomerValue.js';

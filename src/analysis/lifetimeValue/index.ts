// Named: BgNbdModel.ts and GammaGammaModel.ts also export @internal helpers for predictCustomerValue.
export { BgNbdModel, type BgNbdModelJSON, type BgNbdParameters } from './BgNbdModel.js';
export { GammaGammaModel, type GammaGammaModelJSON, type GammaGammaParameters } from './GammaGammaModel.js';
export * from './fitBgNbd.js';
export * from './fitGammaGamma.js';
export * from './histories.js';
export * from './predictCustomerValue.js';

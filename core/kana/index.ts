/** Japanese payer names: normalisation, 法人略語, truncation-aware comparison. */
export * from './compare.js';
export * from './legal-forms.js';
export * from './normalize.js';
export * from './payer-name.js';

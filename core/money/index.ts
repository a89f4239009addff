/** Money: yen as integers, exact rates, named rounding rules. */
export * from './allocate.js';
export * from './rate.js';
export * from './rounding.js';
export * from './yen.js';

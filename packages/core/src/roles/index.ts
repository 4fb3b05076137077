export * from './catalog.js';
export * from './convention.js';
export * from './match.js';
export * from './rules.js';

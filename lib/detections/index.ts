export * from './schema';
export * from './ingest';
export * from './find';
export * from './stats';
export { findCardNumberField } from './card-number';

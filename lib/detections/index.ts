export * from './schema';
export * from './ingest';
export * from './find';
export * from './stats';
export * from './parse';
export * from './history';
export * from './filters';

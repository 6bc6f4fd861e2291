export * from './lists';
export * from './match';
export * from './parse';
export * from './schema';

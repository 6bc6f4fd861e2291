export * from './schema';
export * from './views';

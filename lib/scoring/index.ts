export * from './score';
export * from './signals';

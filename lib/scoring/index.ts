export * from './context';
export * from './decide';
export * from './score';
export * from './settings';
export * from './thresholds';

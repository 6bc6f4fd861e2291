export * from './match';
export * from './parse';
export * from './schema';
export * from './snoozes';

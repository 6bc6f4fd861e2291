export * from './auth';
export * from './app';
export * from './defense';
export * from './rollups';
export * from './search';
export * from './outcomes';
export * from './webhooks';

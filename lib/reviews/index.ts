// Server side of the review queue. The browser's cache of it is in
// hooks/cache/review-queue.ts.
export * from './schema';
export * from './count';
export * from './find';
export * from './review';
export * from './guards';
export * from './claims';
export * from './bulk';

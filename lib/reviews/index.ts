// Server side of the review queue. The browser's cache helpers
// (./queue-cache) are imported directly so no database code reaches a bundle.
export * from './schema';
export * from './find';
export * from './review';

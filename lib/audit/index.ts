export * from './record';
export * from './find';

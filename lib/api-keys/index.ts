export * from './keys';
export * from './resolve';
export { generateApiKey, hashApiKey } from './secret';

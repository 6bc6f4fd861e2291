export * from './config';
export * from './schema';
export * from './find';
export * from './observe';
export type { TAttackEvent } from './watch';
export { attackFeedExtension } from './feed-extension';
export * from './detail';
export { attributedSql } from './attribution';

export * from './advance';
export * from './read';
export * from './retention';
export { startRollupFollower } from './follower';

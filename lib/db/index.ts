// The app's database handle (from the environment, one pool per process) and
// the row-level-security transaction every tenant read and write goes through.
export { appDatabaseUrl, appDb } from './client';
export { withOrgTransaction } from './rls';
export type { Database, Executor, Transaction } from '@/db/client';

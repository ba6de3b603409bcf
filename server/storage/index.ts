export type * from './types.js';
export { openSqliteStorage, openMemoryStorage } from './sqlite.js';

export type * from './types.js';
export type * from './styringTypes.js';
export { openSqliteStorage, openMemoryStorage } from './sqlite.js';

export type * from './types.js';
export type * from './styringTypes.js';
export { LogConflictError } from './types.js';
export { openSqliteStorage, openMemoryStorage } from './sqlite.js';
export { openStorage } from './open.js';

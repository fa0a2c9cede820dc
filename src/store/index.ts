export { openStore, SQLITE_FILE } from './open-store.js';
export type { StoreLocation } from './open-store.js';
export { SCHEMA_VERSION } from './migrations.js';
export * from './types.js';

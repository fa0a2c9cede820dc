/**
 * DATA_DIR is checked before SQLite opens its file: made if missing, and proven writable, so that a wrong path ends
 * in one line naming the variable instead of a driver error, or a hang.
 */
import { existsSync, mkdirSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describeSystemError, UserError } from '../errors.js';

export function prepareDataDir(dir: string): void {
  const fail = (reason: string): never => {
    throw new UserError(
      `k8sblog: DATA_DIR=${dir} cannot be used: ${reason}. Set DATA_DIR to a folder this user can write, or DATABASE_URL to use PostgreSQL.`,
    );
  };
  // The folders are made one at a time: Node's recursive mkdir never returns on some pseudo file systems (/proc).
  const missing: string[] = [];
  let existing = path.resolve(dir);
  while (!existsSync(existing)) {
    missing.unshift(existing);
    const parent = path.dirname(existing);
    if (parent === existing) break;
    existing = parent;
  }
  try {
    if (!statSync(existing).isDirectory()) fail(`${existing} is a file, not a folder`);
  } catch (err) {
    if (err instanceof UserError) throw err;
    fail(describeSystemError(err));
  }
  for (const folder of missing) {
    try {
      mkdirSync(folder);
    } catch (err) {
      fail(`cannot create ${folder}: ${describeSystemError(err)}`);
    }
  }
  const probe = path.join(dir, `.k8sblog-write-test-${process.pid}`);
  try {
    writeFileSync(probe, '');
    unlinkSync(probe);
  } catch (err) {
    fail(`cannot write there: ${describeSystemError(err)}`);
  }
}

/** A process that installs the guard, then lets a rejection go unhandled, as a library's request handler might. */
import { installProcessGuard } from '../../../src/cli/guard.js';

installProcessGuard();
void Promise.reject(new Error('nobody caught this'));
setTimeout(() => process.stdout.write('still running\n'), 5000);

/** test/digest/support/digest-process.ts as a real process, stopped at a step with SIGKILL when asked. */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DigestRunReport } from '../../../src/digest/delivery.js';
import { stepProcess } from '../../support/step-process.js';

const digestProcess = stepProcess<DigestRunReport>(
  path.join(path.dirname(fileURLToPath(import.meta.url)), 'digest-process.ts'),
  'DIGEST_PROCESS',
  'digest process',
);

export const startDigestProcess = digestProcess.start;
export const runDigestProcess = digestProcess.run;
export const killAt = digestProcess.killAt;

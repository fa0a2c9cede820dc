/** alert-process.ts as a real process, stopped at a step with SIGKILL when asked. */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AlertRunReport } from '../../../src/follow/alerts.js';
import { stepProcess } from '../../support/step-process.js';

const alertProcess = stepProcess<AlertRunReport>(
  path.join(path.dirname(fileURLToPath(import.meta.url)), 'alert-process.ts'),
  'ALERT_PROCESS',
  'alert process',
);

export const startAlertProcess = alertProcess.start;
export const runAlertProcess = alertProcess.run;
export const killAlertsAt = alertProcess.killAt;

/** Starting alert-process.ts as a real process, and stopping it at a step with SIGKILL. */
import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AlertRunReport } from '../../../src/follow/alerts.js';

const SCRIPT = path.join(path.dirname(fileURLToPath(import.meta.url)), 'alert-process.ts');

interface Output {
  step?: string;
  report?: AlertRunReport;
  code: number | null;
  stderr: string;
}

export function startAlertProcess(env: Record<string, string>): { child: ChildProcess; output: Promise<Output> } {
  const child = spawn(process.execPath, ['--import', 'tsx', SCRIPT], {
    env: { ...process.env, ...env, ALERT_PROCESS: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  const output = new Promise<Output>((resolve) => {
    child.stdout!.on('data', (d: Buffer) => {
      stdout += d.toString();
      const step = /^STEP (\w+)$/m.exec(stdout);
      if (step) resolve({ step: step[1], code: null, stderr });
    });
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('exit', (code) => {
      const report = /^REPORT (.*)$/m.exec(stdout);
      resolve({ report: report ? (JSON.parse(report[1]) as AlertRunReport) : undefined, code, stderr });
    });
  });
  return { child, output };
}

export async function runAlertProcess(env: Record<string, string>): Promise<AlertRunReport> {
  const out = await startAlertProcess(env).output;
  if (out.code !== 0 || !out.report) throw new Error(`alert process exited ${out.code}: ${out.stderr}`);
  return out.report;
}

export async function killAlertsAt(env: Record<string, string>, step: 'claimed' | 'posted'): Promise<void> {
  const { child, output } = startAlertProcess({ ...env, STOP_AT: step });
  const out = await output;
  if (out.step !== step) throw new Error(`alert process did not reach ${step} (exit ${out.code}): ${out.stderr}`);
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
}

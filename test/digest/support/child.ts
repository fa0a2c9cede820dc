/** Starting test/digest/support/digest-process.ts as a real process, and stopping it at a step with SIGKILL. */
import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DigestRunReport } from '../../../src/digest/delivery.js';

const SCRIPT = path.join(path.dirname(fileURLToPath(import.meta.url)), 'digest-process.ts');

export interface ChildRun {
  child: ChildProcess;
  /** Resolves with the step line when STOP_AT is reached, or the report when the run finishes. */
  output: Promise<{ step?: string; report?: DigestRunReport; code: number | null; stderr: string }>;
}

export function startDigestProcess(env: Record<string, string>): ChildRun {
  const child = spawn(process.execPath, ['--import', 'tsx', SCRIPT], {
    env: { ...process.env, ...env, DIGEST_PROCESS: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  const output = new Promise<{ step?: string; report?: DigestRunReport; code: number | null; stderr: string }>(
    (resolve) => {
      child.stdout!.on('data', (d: Buffer) => {
        stdout += d.toString();
        const step = /^STEP (\w+)$/m.exec(stdout);
        if (step) resolve({ step: step[1], code: null, stderr });
      });
      child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
      child.on('exit', (code) => {
        const report = /^REPORT (.*)$/m.exec(stdout);
        resolve({ report: report ? (JSON.parse(report[1]) as DigestRunReport) : undefined, code, stderr });
      });
    },
  );
  return { child, output };
}

/** Runs a process to its end; fails with its stderr when it does not finish cleanly. */
export async function runDigestProcess(env: Record<string, string>): Promise<DigestRunReport> {
  const { output } = startDigestProcess(env);
  const out = await output;
  if (out.code !== 0 || !out.report) throw new Error(`digest process exited ${out.code}: ${out.stderr}`);
  return out.report;
}

export async function killAt(env: Record<string, string>, step: 'claimed' | 'posted'): Promise<void> {
  const { child, output } = startDigestProcess({ ...env, STOP_AT: step });
  const out = await output;
  if (out.step !== step) throw new Error(`digest process did not reach ${step} (exit ${out.code}): ${out.stderr}`);
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
}

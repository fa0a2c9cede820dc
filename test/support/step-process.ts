/**
 * A script run as a real process that prints `STEP <name>` when it reaches the step named by STOP_AT (so a test can
 * SIGKILL it there) and `REPORT <json>` when it finishes: the digest and alert exactly-once tests drive one each.
 */
import { type ChildProcess, spawn } from 'node:child_process';

export interface StepOutput<R> {
  step?: string;
  report?: R;
  code: number | null;
  stderr: string;
}

export interface StepProcess<R> {
  /** Starts the script with these variables (and its marker variable set). */
  start(env: Record<string, string>): { child: ChildProcess; output: Promise<StepOutput<R>> };
  /** Runs it to its end; fails with its stderr when it does not finish cleanly. */
  run(env: Record<string, string>): Promise<R>;
  /** Runs it until it reaches `step`, then SIGKILLs it. */
  killAt(env: Record<string, string>, step: 'claimed' | 'posted'): Promise<void>;
}

export function stepProcess<R>(script: string, marker: string, what: string): StepProcess<R> {
  const start = (env: Record<string, string>) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script], {
      env: { ...process.env, ...env, [marker]: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    const output = new Promise<StepOutput<R>>((resolve) => {
      child.stdout?.on('data', (d: Buffer) => {
        stdout += d.toString();
        const step = /^STEP (\w+)$/m.exec(stdout);
        if (step) resolve({ step: step[1], code: null, stderr });
      });
      child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
      child.on('exit', (code) => {
        const report = /^REPORT (.*)$/m.exec(stdout);
        resolve({ report: report ? (JSON.parse(report[1]) as R) : undefined, code, stderr });
      });
    });
    return { child, output };
  };
  return {
    start,
    async run(env) {
      const out = await start(env).output;
      if (out.code !== 0 || !out.report) throw new Error(`${what} exited ${out.code}: ${out.stderr}`);
      return out.report;
    },
    async killAt(env, step) {
      const { child, output } = start({ ...env, STOP_AT: step });
      const out = await output;
      if (out.step !== step) throw new Error(`${what} did not reach ${step} (exit ${out.code}): ${out.stderr}`);
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGKILL');
      await exited;
    },
  };
}

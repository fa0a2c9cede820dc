/** Runs `k8sblog <args>` from the sources in a child process, as a user would, and collects what it printed. */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { PROJECT_ROOT } from '../../src/config.js';

export interface CliRun {
  code: number;
  out: string;
  err: string;
}

export function runCli(args: string[], env: NodeJS.ProcessEnv, input?: string, timeoutMs = 60_000): Promise<CliRun> {
  return runNode([path.join(PROJECT_ROOT, 'src/cli.ts'), ...args], env, input, timeoutMs);
}

/** A TypeScript file run with tsx, as the CLI is. */
export function runNode(args: string[], env: NodeJS.ProcessEnv, input?: string, timeoutMs = 60_000): Promise<CliRun> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', ...args], {
      env: { ...process.env, ...env },
      cwd: PROJECT_ROOT,
    });
    let out = '';
    let err = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.stdin.end(input ?? '');
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code: code ?? (signal === 'SIGKILL' ? 137 : 1), out, err });
    });
  });
}

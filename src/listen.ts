/**
 * Every server of the bot (Slack's HTTP receiver, the Socket Mode health server, the playground's page) listens
 * through here, so a busy port or a wrong HOST ends in one line naming the variable to change.
 */
import type http from 'node:http';
import type { AddressInfo } from 'node:net';
import { describeSystemError, UserError } from './errors.js';

export async function listenOn(server: http.Server, port: number, host: string): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const failed = (err: NodeJS.ErrnoException): void => reject(listenProblem(err, port, host));
    server.once('error', failed);
    server.listen(port, host, () => {
      server.off('error', failed);
      resolve();
    });
  });
}

/** `http://127.0.0.1:3000` for a server listening on every interface, the address itself otherwise. */
export function baseUrlOf(server: http.Server): string {
  const { address, port } = server.address() as AddressInfo;
  const host =
    address === '0.0.0.0' || address === '::' ? '127.0.0.1' : address.includes(':') ? `[${address}]` : address;
  return `http://${host}:${port}`;
}

function listenProblem(err: NodeJS.ErrnoException, port: number, host: string): Error {
  switch (err.code) {
    case 'EADDRINUSE':
      return new UserError(
        `k8sblog: PORT=${port} is already in use on ${host}: stop the other process or set PORT to a free port (e.g. PORT=${port + 1}).`,
      );
    case 'EACCES':
      return new UserError(
        `k8sblog: PORT=${port} needs privileges this user lacks: set PORT to 1024 or above (e.g. PORT=3000).`,
      );
    case 'EADDRNOTAVAIL':
      return new UserError(
        `k8sblog: HOST=${host} is not an address of this machine: set HOST to one of its addresses, 0.0.0.0 for all, or 127.0.0.1.`,
      );
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'EAI_FAIL':
      return new UserError(
        `k8sblog: HOST=${host} does not resolve (${describeSystemError(err)}): set HOST to an address of this machine, 0.0.0.0 for all.`,
      );
    default:
      return err;
  }
}

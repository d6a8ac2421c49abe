import { connect } from 'node:net';
import type { PortCheck } from '../engine/observations.js';

/**
 * Tries a TCP connection to the gateway port. A stopped gateway refuses in milliseconds, long
 * before any OpenClaw command notices.
 */
export function checkPort(host: string, port: number, timeoutMs = 1_500): Promise<PortCheck> {
  const started = performance.now();
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const done = (state: PortCheck['state'], detail?: string) => {
      socket.destroy();
      const durationMs = Math.round(performance.now() - started);
      resolve(detail ? { host, port, state, detail, durationMs } : { host, port, state, durationMs });
    };
    socket.setTimeout(timeoutMs, () => done('timeout', `no answer in ${timeoutMs} ms`));
    socket.once('connect', () => done('open'));
    socket.once('error', (err: NodeJS.ErrnoException) =>
      done(err.code === 'ECONNREFUSED' ? 'refused' : 'error', err.code ?? err.message),
    );
  });
}

import { confirmsDown, type GatewayInput, portFailure } from '../engine/episode-kinds.js';
import type { PortCheck } from '../engine/observations.js';
import type { GatewayStatus } from '../engine/parse/gateway-status.js';
import type { Logger } from '../logger.js';

export type GatewayWatchOptions = {
  /** How often the port is tried. */
  readonly checkMs: number;
  /** How long the port must stay closed before `gateway status` is asked to confirm. */
  readonly confirmMs: number;
  readonly checkPort: () => Promise<PortCheck>;
  /** `openclaw gateway status --json`, parsed; `null` when OpenClaw gave nothing readable. */
  readonly readStatus: (signal: AbortSignal) => Promise<GatewayStatus | null>;
  /** What was concluded: the port answers, or the gateway is down (confirmed). */
  readonly onResult: (input: GatewayInput) => void;
  readonly log: Logger;
};

export type GatewayWatch = { close(): Promise<void> };

/**
 * Tries the gateway port every `checkMs` (a TCP connect: microseconds). A port that stays closed
 * for `confirmMs` is confirmed with one `gateway status` before it counts as down, so a restart
 * that finishes meanwhile pages nobody; once down, each closed check keeps the episode going.
 */
export function watchGateway(opts: GatewayWatchOptions): GatewayWatch {
  const abort = new AbortController();
  /** When the port was first found closed in the current run of closed checks. */
  let closedSince: number | null = null;
  let down = false;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;

  const check = async () => {
    const port = await opts.checkPort();
    const at = Date.now();
    if (port.state === 'open') {
      closedSince = null;
      down = false;
      opts.onResult({ type: 'gateway', at, up: true, detail: '' });
      return;
    }
    closedSince ??= at;
    if (!down && at - closedSince < opts.confirmMs) return;
    if (!down) {
      const status = await opts.readStatus(abort.signal);
      if (abort.signal.aborted) return;
      if (!confirmsDown(status)) {
        opts.log.info(
          { port: port.port, state: port.state },
          'gateway port closed, but gateway status says it runs',
        );
        closedSince = at;
        return;
      }
      down = true;
    }
    opts.onResult({ type: 'gateway', at, up: false, detail: portFailure(port) });
  };

  const loop = () => {
    if (abort.signal.aborted) return;
    running = check()
      .catch((err: unknown) => opts.log.warn({ err: String(err) }, 'gateway check failed'))
      .finally(() => {
        running = null;
        if (abort.signal.aborted) return;
        timer = setTimeout(loop, opts.checkMs);
        timer.unref();
      });
  };
  loop();

  return {
    async close() {
      abort.abort();
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}

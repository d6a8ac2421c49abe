import { describe, expect, it, vi } from 'vitest';
import type { GatewayInput } from '../../../src/engine/episode-kinds.js';
import type { PortCheck } from '../../../src/engine/observations.js';
import { parseGatewayStatusJson } from '../../../src/engine/parse/gateway-status.js';
import { createLogger } from '../../../src/logger.js';
import { watchGateway } from '../../../src/worker/gateway-watch.js';
import { capture } from '../../support/scenario.js';

const STOPPED = parseGatewayStatusJson(capture('gateway_down', 'gateway_status_json.out'));
const RUNNING = parseGatewayStatusJson(capture('healthy', 'gateway_status_json.out'));
const port = (state: PortCheck['state']): PortCheck => ({
  host: '127.0.0.1',
  port: 18789,
  state,
  ...(state === 'refused' ? { detail: 'ECONNREFUSED' } : {}),
  durationMs: 1,
});

/** Runs the watch over a scripted series of port states (the last one repeats) until `until` holds. */
async function watch(
  states: PortCheck['state'][],
  status: typeof STOPPED,
  confirmMs: number,
  until: (seen: GatewayInput[], checks: number) => boolean,
) {
  const seen: GatewayInput[] = [];
  let checks = 0;
  let statusReads = 0;
  const w = watchGateway({
    checkMs: 5,
    confirmMs,
    checkPort: async () => port(states[Math.min(checks++, states.length - 1)] ?? 'open'),
    readStatus: async () => {
      statusReads++;
      return status;
    },
    onResult: (input) => seen.push(input),
    log: createLogger('silent'),
  });
  await vi.waitFor(() => expect(until(seen, checks)).toBe(true), { timeout: 5_000, interval: 5 });
  await w.close();
  return { seen, statusReads };
}

describe('the gateway watch', () => {
  it('reads the captured gateway status of a stopped gateway as down, and of a running one as up', () => {
    expect(STOPPED?.rpcOk).not.toBe(true);
    expect(RUNNING?.rpcOk).toBe(true);
  });

  it('confirms a closed port with gateway status once, then keeps reporting it down', async () => {
    const { seen, statusReads } = await watch(['open', 'refused'], STOPPED, 0, (s) => s.length >= 4);
    expect(seen[0]).toMatchObject({ up: true });
    expect(seen.slice(1).every((i) => !i.up && i.detail === 'port 18789 refused (ECONNREFUSED)')).toBe(true);
    expect(statusReads).toBe(1);
  });

  it('does not count a closed port as down while gateway status says the gateway runs', async () => {
    const { seen, statusReads } = await watch(['refused'], RUNNING, 0, (_s, checks) => checks >= 10);
    expect(seen.filter((i) => !i.up)).toEqual([]);
    expect(statusReads).toBeGreaterThan(1);
  });

  it('asks nothing and reports nothing down for a port closed shorter than the confirmation delay', async () => {
    const states: PortCheck['state'][] = ['open', 'refused', 'refused', 'open'];
    const { seen, statusReads } = await watch(states, STOPPED, 60_000, (_s, checks) => checks >= 8);
    expect(seen.every((i) => i.up)).toBe(true);
    expect(statusReads).toBe(0);
  });
});

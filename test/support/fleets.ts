import type { FleetRow } from '../../src/core/fleet.js';

/** The clock of every fleet golden file. */
export const FLEET_NOW = Date.parse('2026-03-01T03:00:00Z');

/**
 * A fleet of `n` hosts in a fixed mix: some workers silent, some gateways down, some broken
 * routes, some open episodes, some never diagnosed; the rest healthy.
 */
export function fleetOf(n: number): FleetRow[] {
  return Array.from({ length: n }, (_, i) => {
    const host = `gw-${String(i + 1).padStart(3, '0')}`;
    const label =
      i % 11 === 3 ? 'gateway_down' : i % 13 === 5 ? 'invalid_key' : i % 9 === 7 ? 'rate_limited' : 'healthy';
    const last = i % 17 === 16 ? null : ({ label, at: FLEET_NOW - (i + 1) * 37_000 } as const);
    return {
      host,
      worker: i % 7 === 6 ? 'silent' : 'live',
      gateway: !last ? 'unknown' : label === 'gateway_down' ? 'down' : 'up',
      last,
      open: i % 5 === 2 ? 1 : i % 23 === 4 ? 2 : 0,
    };
  });
}

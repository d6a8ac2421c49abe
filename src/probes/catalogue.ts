import type { ProbeName } from '../engine/observations.js';

/** One read-only OpenClaw command: its JSON form, the text form older builds have, and its limits. */
export type ProbeSpec = {
  readonly name: ProbeName;
  readonly json: readonly string[];
  /** `null` when no read-only text form exists. */
  readonly text: readonly string[] | null;
  readonly timeoutMs: number;
  /** Bytes of stdout (and of stderr) read before the command is stopped. */
  readonly maxBytes: number;
  /** Needs a live gateway: skipped when the gateway port refuses connections. */
  readonly needsGateway: boolean;
};

const MB = 1024 * 1024;

/**
 * The fixed set of commands the worker may run. Every one is read-only. `models status --probe`
 * is deliberately absent: it refuses to run beside a live gateway and can itself start a cooldown.
 * Timeouts sit well above the slowest time seen on a busy 2-core host: alone, `gateway status`
 * took 4–10 s there, but 26 s while three gateways shared the two cores, and doctor 42 s
 * (docs/OPENCLAW.md section 1). A verdict a little later beats `unknown` because a probe was cut off.
 */
export const PROBES = {
  'gateway-status': {
    name: 'gateway-status',
    json: ['gateway', 'status', '--json'],
    text: ['gateway', 'status'],
    timeoutMs: 45_000,
    maxBytes: 1 * MB,
    needsGateway: false,
  },
  'models-status': {
    name: 'models-status',
    json: ['models', 'status', '--json'],
    text: ['models', 'status'],
    timeoutMs: 45_000,
    maxBytes: 2 * MB,
    needsGateway: false,
  },
  logs: {
    name: 'logs',
    json: ['logs', '--limit', '200', '--json'],
    text: ['logs', '--limit', '200', '--plain'],
    timeoutMs: 30_000,
    maxBytes: 4 * MB,
    needsGateway: false,
  },
  health: {
    name: 'health',
    json: ['health', '--json'],
    text: ['health'],
    timeoutMs: 15_000,
    maxBytes: 1 * MB,
    needsGateway: true,
  },
  status: {
    name: 'status',
    json: ['status', '--json'],
    text: ['status'],
    timeoutMs: 45_000,
    maxBytes: 2 * MB,
    needsGateway: true,
  },
  doctor: {
    name: 'doctor',
    json: ['doctor', '--json'],
    // `doctor --non-interactive` applies "safe migrations": not read-only, so there is no text form.
    text: null,
    timeoutMs: 90_000,
    maxBytes: 2 * MB,
    needsGateway: false,
  },
} as const satisfies Record<ProbeName, ProbeSpec>;

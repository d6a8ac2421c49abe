import type { DiagnosisTransport, LastVerdict } from './transport.js';

export type { LastVerdict };

/** Where the bot keeps each host's latest verdict: Redis in production, memory for `clawops dev`. */
export interface VerdictStore {
  record(host: string, verdict: LastVerdict): Promise<void>;
  all(): Promise<ReadonlyMap<string, LastVerdict>>;
}

/** One row of `/claw fleet`. */
export type FleetRow = {
  readonly host: string;
  readonly worker: 'live' | 'silent';
  /** From the latest verdict: `down` when it was gateway_down, `unknown` before any. */
  readonly gateway: 'up' | 'down' | 'unknown';
  readonly last: LastVerdict | null;
  /** Episodes the host's watcher reports as going on, of every kind it knows. */
  readonly open: number;
};

export function createMemoryVerdictStore(): VerdictStore {
  const verdicts = new Map<string, LastVerdict>();
  return {
    async record(host, verdict) {
      verdicts.set(host, verdict);
    },
    all: async () => verdicts,
  };
}

/** The transport, with every verdict it returns kept as its host's latest (best effort). */
export function rememberingVerdicts(transport: DiagnosisTransport, store: VerdictStore): DiagnosisTransport {
  return {
    ...transport,
    async requestDiagnosis(request, opts) {
      const result = await transport.requestDiagnosis(request, opts);
      const { host, verdict } = result.diagnosis;
      await store.record(host, { label: verdict.label, at: Date.now() }).catch(() => {});
      return result;
    },
    lastVerdicts: () => store.all(),
  };
}

/** What the gateway looked like at its host's latest verdict. */
export const gatewayFrom = (last: LastVerdict | null): FleetRow['gateway'] =>
  !last || last.label === 'openclaw_missing' ? 'unknown' : last.label === 'gateway_down' ? 'down' : 'up';

/** Every known host's row: heartbeats, latest verdicts and watch reports, read at once. */
export async function readFleet(transport: DiagnosisTransport): Promise<FleetRow[]> {
  const [hosts, verdicts] = await Promise.all([
    transport.listHosts(),
    transport.lastVerdicts?.().catch(() => null) ?? null,
  ]);
  const reports = await Promise.all(
    hosts.map((h) => transport.watchReport?.(h.host).catch(() => null) ?? null),
  );
  return hosts.map((h, i) => {
    const last = verdicts?.get(h.host) ?? null;
    return {
      host: h.host,
      worker: h.state,
      gateway: gatewayFrom(last),
      last,
      open: reports[i]?.episodes.filter((e) => e.status === 'active').length ?? 0,
    };
  });
}

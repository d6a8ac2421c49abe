import type { Label } from './diagnosis.js';
import type { AlertKind, Episode, GatewayInput, WatchInput } from './episode.js';
import type { EpisodeBook } from './episode-book.js';
import type { PortCheck } from './observations.js';
import type { GatewayStatus } from './parse/gateway-status.js';
import type { OAuthProfile } from './parse/models-status.js';

export type { GatewayInput };

/** A failed port check for people: `port 18789 refused (ECONNREFUSED)`. */
export const portFailure = (p: PortCheck): string =>
  `port ${p.port} ${p.state === 'timeout' ? 'did not answer' : p.state}${p.detail ? ` (${p.detail})` : ''}`;

/**
 * Whether `gateway status` confirms a gateway whose port stopped answering is down: its RPC
 * fails and nothing holds the port. A process on the port is a restart in progress; no answer
 * at all from OpenClaw confirms nothing either way, so the port's silence stands.
 */
export const confirmsDown = (status: GatewayStatus | null): boolean =>
  status === null || (status.rpcOk !== true && status.portStatus !== 'busy');

/** Failures that do not heal by themselves: a person has to act, cooldown or not. */
const ROUTE_BROKEN_LABELS: ReadonlySet<Label> = new Set<Label>([
  'invalid_key',
  'permission_denied',
  'billing',
  'missing_auth',
  'oauth_refresh_failed',
  'model_unavailable',
  'gateway_client_auth',
]);

/** A failure line this old when read (the log's tail, read at start) says nothing of the route now. */
const STALE_FAILURE_MS = 15 * 60_000;

/** Credentials that expire; API keys do not. */
const EXPIRING_TYPES: ReadonlySet<string> = new Set(['oauth', 'token']);

type State = Extract<WatchInput, { type: 'state' }>;

/** When a credential expires, from OpenClaw's own count when it gave one. */
const expiryOf = (c: OAuthProfile, at: number): number | null =>
  c.remainingMs !== null ? at + c.remainingMs : c.expiresAt;

/**
 * Whether a state read shows a broken route healthy: only for the labels the state can see
 * (a credential present, an OAuth login valid, no billing lockout). A revoked key or a refused
 * model looks fine in `models status`; only a successful turn ends those.
 */
function healedByState(e: Episode, s: State): boolean {
  const provider = e.provider || 'anthropic';
  const label = e.cause?.label;
  if (label === 'missing_auth') return s.missing !== undefined && !s.missing.includes(provider);
  if (label === 'oauth_refresh_failed')
    return (
      s.credentials !== undefined &&
      !s.credentials.some(
        (c) => c.provider === provider && (c.status === 'expired' || c.status === 'missing'),
      )
    );
  if (label === 'billing') return !s.unusable.some((u) => u.provider === provider && u.reason === 'billing');
  return false;
}

/**
 * The worker's kinds besides cooldowns, on the shared episode book: `route-broken` (one per
 * label), `credential-expiring` (one per profile) and `gateway-down` (one per gateway).
 */
export function episodeKinds(
  book: EpisodeBook,
  opts: { readonly redact: (text: string) => string; readonly expiryWarnMs: number },
) {
  const routeBroken = (input: WatchInput): (Episode | null)[] => {
    if (input.type === 'log') {
      const { event } = input;
      const at = event.time ?? input.at;
      // A turn that got its answer without naming its provider may have been a fallback's.
      if (event.kind === 'success' && !event.provider && event.rule === 'turn-ended') return [];
      if (event.kind === 'success')
        return book
          .active('route-broken')
          .filter((e) => !e.provider || !event.provider || e.provider === event.provider)
          .map((e) => book.end('route-broken', e.subject, at));
      if ((event.kind !== 'failure' && event.kind !== 'gateway') || !ROUTE_BROKEN_LABELS.has(event.label))
        return [];
      if (input.at - at > STALE_FAILURE_MS) return [];
      return [
        book.raise('route-broken', event.label, at, (prev) =>
          prev
            ? {}
            : {
                provider: event.provider ?? '',
                cause: { label: event.label, text: opts.redact(event.text.split('\n')[0] ?? '') },
              },
        ),
      ];
    }
    if (input.type !== 'state') return [];
    return book
      .active('route-broken')
      .filter((e) => e.updatedAt < input.at && healedByState(e, input))
      .map((e) => book.end('route-broken', e.subject, input.at));
  };

  const credentials = (input: WatchInput): (Episode | null)[] => {
    if (input.type !== 'state' || !input.credentials) return [];
    const { at } = input;
    const out: (Episode | null)[] = [];
    const seen = new Set<string>();
    for (const c of input.credentials) {
      const expiresAt = expiryOf(c, at);
      if (!EXPIRING_TYPES.has(c.type) || expiresAt === null) continue;
      seen.add(c.profileId);
      // Refreshed (or never close): an episode going on ends.
      if (expiresAt - at > opts.expiryWarnMs) {
        out.push(book.end('credential-expiring', c.profileId, at));
        continue;
      }
      const detail = `${c.type} profile, ${expiresAt <= at ? 'expired' : 'expiring'}`;
      out.push(
        book.raise('credential-expiring', c.profileId, at, () => ({
          provider: c.provider,
          expiresAt,
          detail,
        })),
      );
    }
    for (const e of book.active('credential-expiring'))
      if (!seen.has(e.subject) && e.updatedAt < at) out.push(book.end('credential-expiring', e.subject, at));
    return out;
  };

  const gateway = (input: WatchInput): (Episode | null)[] => {
    if (input.type !== 'gateway') return [];
    if (input.up) return [book.end('gateway-down', '', input.at)];
    return [
      book.raise('gateway-down', '', input.at, (prev) =>
        prev
          ? { detail: input.detail }
          : { cause: { label: 'gateway_down', text: input.detail }, detail: input.detail },
      ),
    ];
  };

  return {
    /** Applies one input to each kind that is on; returns what changed (and nulls for no change). */
    apply(input: WatchInput, kinds: ReadonlySet<AlertKind>): (Episode | null)[] {
      return [
        ...(kinds.has('route-broken') ? routeBroken(input) : []),
        ...(kinds.has('credential-expiring') ? credentials(input) : []),
        ...(kinds.has('gateway-down') ? gateway(input) : []),
      ];
    },
  };
}

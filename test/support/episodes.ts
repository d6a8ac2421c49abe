import type { Episode } from '../../src/engine/episodes.js';

/** A rate-limit cooldown of gw-1's Anthropic profile, a minute old at `now`, four minutes left. */
export const cooldownEpisode = (now: number, over: Partial<Episode> = {}): Episode => ({
  id: 'gw-1.default.anthropic.1',
  kind: 'cooldown',
  subject: 'anthropic',
  host: 'gw-1',
  instance: 'default',
  provider: 'anthropic',
  status: 'active',
  startedAt: now - 60_000,
  updatedAt: now,
  resolvedAt: null,
  cause: { label: 'rate_limited', text: 'anthropic: ⚠️ API rate limit reached · 429' },
  windows: [{ profileId: 'anthropic:default', kind: 'cooldown', reason: 'rate_limit', until: now + 240_000 }],
  detail: '',
  expiresAt: null,
  flaps: 0,
  version: 1,
  ...over,
});

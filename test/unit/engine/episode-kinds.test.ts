import { describe, expect, it } from 'vitest';
import { createEpisodeTracker, type WatchInput } from '../../../src/engine/episodes.js';
import { toLogEvent } from '../../../src/engine/log-events.js';
import { parseLogLine } from '../../../src/engine/parse/log-lines.js';
import type { OAuthProfile } from '../../../src/engine/parse/models-status.js';
import { createSilenceTracker } from '../../../src/engine/silence.js';
import { capturedLine, lineAt } from '../../support/log-lines.js';
import { generateSecrets } from '../../support/secrets.js';

const T0 = Date.parse('2026-11-25T03:00:00Z');
const HOUR = 3600_000;
const INVALID_KEY = capturedLine('invalid_key_401', '"embedded_run_agent_end"');
const COOLDOWN_FAIL = capturedLine('cooldown', '"embedded_run_agent_end"');
const BILLING_FAIL = capturedLine('billing', '"embedded_run_agent_end"');
const SUCCESS = capturedLine('cooldown', '"candidate_succeeded"');

const log = (line: string, at: number): WatchInput => {
  const event = toLogEvent(parseLogLine(lineAt(line, at)) ?? expect.fail('unreadable line'));
  return { type: 'log', event: event ?? expect.fail(`not an event: ${line.slice(0, 80)}`), at };
};
const credential = (over: Partial<OAuthProfile>): OAuthProfile => ({
  profileId: 'anthropic:lab-oauth',
  provider: 'anthropic',
  type: 'oauth',
  status: 'expiring',
  reasonCode: null,
  expiresAt: null,
  remainingMs: null,
  ...over,
});
const state = (at: number, extra: Partial<Extract<WatchInput, { type: 'state' }>> = {}): WatchInput => ({
  type: 'state',
  at,
  unusable: [],
  profileIds: [],
  ...extra,
});
const tracker = () => createEpisodeTracker({ host: 'gw-1', instance: 'default', quietMs: 10 * 60_000 });

describe('broken route episodes', () => {
  it('opens one per label with the redacted first line and its owner, quiet on repeats, ended by a success', () => {
    const { anthropicApiKey } = generateSecrets();
    const leaky = INVALID_KEY.replace(
      '"rawErrorPreview":"',
      `"rawErrorPreview":"x-api-key ${anthropicApiKey} `,
    );
    expect(leaky).toContain(anthropicApiKey);
    const t = tracker();
    const [opened, ...more] = t.apply(log(leaky, T0));
    expect(more).toEqual([]);
    expect(opened).toMatchObject({
      kind: 'route-broken',
      subject: 'invalid_key',
      provider: 'anthropic',
      status: 'active',
      version: 1,
      cause: { label: 'invalid_key' },
    });
    expect(opened?.cause?.text).toMatch(/401/);
    expect(JSON.stringify(opened)).not.toContain(anthropicApiKey);
    for (let i = 0; i < 20; i++) expect(t.apply(log(INVALID_KEY, T0 + i))).toEqual([]);
    // A failure that heals by itself is the cooldown's business, not a broken route.
    expect(t.apply(log(COOLDOWN_FAIL, T0 + 30))).toEqual([]);

    const [ended] = t.apply(log(SUCCESS, T0 + 60_000));
    expect(ended).toMatchObject({ kind: 'route-broken', status: 'resolved', version: 2, id: opened?.id });
  });

  it('reopens within the quiet window as an edit, and posts anew after it', () => {
    const t = tracker();
    const [first] = t.apply(log(INVALID_KEY, T0));
    t.apply(log(SUCCESS, T0 + 1_000));
    const [back] = t.apply(log(INVALID_KEY, T0 + 60_000));
    expect(back).toMatchObject({ id: first?.id, status: 'active', flaps: 1, version: 3 });
    t.apply(log(SUCCESS, T0 + 61_000));
    t.apply({ type: 'tick', at: T0 + 61_000 + 11 * 60_000 });
    const [fresh] = t.apply(log(INVALID_KEY, T0 + 61_000 + 12 * 60_000));
    expect(fresh?.version).toBe(1);
    expect(fresh?.id).not.toBe(first?.id);
  });

  it('is ended by a state read only for what the state can see', () => {
    const t = tracker();
    t.apply(log(INVALID_KEY, T0));
    // A revoked key looks fine in `models status`.
    expect(t.apply(state(T0 + 1_000, { missing: [], credentials: [] }))).toEqual([]);
    const [billing] = t.apply(log(BILLING_FAIL, T0 + 2_000));
    expect(billing).toMatchObject({ subject: 'billing', status: 'active' });
    const lockout = { profileId: 'anthropic:default', provider: 'anthropic', kind: 'disabled' as const };
    const disabled = { ...lockout, reason: 'billing', until: null, remainingMs: HOUR };
    expect(
      t.apply(state(T0 + 3_000, { unusable: [disabled] })).filter((e) => e.kind === 'route-broken'),
    ).toEqual([]);
    const healed = t.apply(state(T0 + 4_000)).filter((e) => e.kind === 'route-broken');
    expect(healed).toEqual([expect.objectContaining({ subject: 'billing', status: 'resolved' })]);
  });

  it('takes no old failure from the tail of the log for a broken route now', () => {
    const t = tracker();
    const event = log(INVALID_KEY, T0);
    expect(t.apply({ ...event, at: T0 + 60 * 60_000 })).toEqual([]);
  });

  it('tracks nothing of a kind that is off', () => {
    const t = createEpisodeTracker({
      host: 'gw-1',
      instance: 'default',
      quietMs: 60_000,
      kinds: new Set(['cooldown']),
    });
    expect(t.apply(log(INVALID_KEY, T0))).toEqual([]);
    expect(t.apply({ type: 'gateway', at: T0, up: false, detail: 'port refused' })).toEqual([]);
  });
});

describe('expiring credential episodes', () => {
  it('opens within the warning time, edits when it expires, and ends when the expiry moves out', () => {
    const t = tracker();
    const far = credential({ expiresAt: T0 + 30 * HOUR });
    expect(t.apply(state(T0, { credentials: [far] }))).toEqual([]);
    const soon = credential({ expiresAt: T0 + 2 * HOUR });
    const [opened] = t.apply(state(T0 + 1_000, { credentials: [soon] }));
    expect(opened).toMatchObject({
      kind: 'credential-expiring',
      subject: 'anthropic:lab-oauth',
      expiresAt: T0 + 2 * HOUR,
      detail: 'oauth profile, expiring',
      version: 1,
    });
    expect(t.apply(state(T0 + 2_000, { credentials: [soon] }))).toEqual([]);
    const [expired] = t.apply(state(T0 + 3 * HOUR, { credentials: [soon] }));
    expect(expired).toMatchObject({ detail: 'oauth profile, expired', version: 2 });
    const refreshed = credential({ remainingMs: 12 * HOUR + 24 * HOUR, status: 'ok' });
    const [ended] = t.apply(state(T0 + 4 * HOUR, { credentials: [refreshed] }));
    expect(ended).toMatchObject({ status: 'resolved', version: 3 });
  });

  it('ends when the profile goes, and ignores API keys', () => {
    const t = tracker();
    const [opened] = t.apply(
      state(T0, {
        credentials: [credential({ type: 'token', profileId: 'anthropic:ci', remainingMs: HOUR })],
      }),
    );
    expect(opened?.detail).toBe('token profile, expiring');
    expect(
      t.apply(state(T0 + 1, { credentials: [credential({ type: 'api_key', remainingMs: 1 })] })),
    ).toEqual([expect.objectContaining({ subject: 'anthropic:ci', status: 'resolved' })]);
  });
});

describe('gateway down episodes', () => {
  it('opens on a confirmed outage, edits when it fails differently, ends when the port answers', () => {
    const t = tracker();
    const [down] = t.apply({ type: 'gateway', at: T0, up: false, detail: 'port 18789 refused' });
    expect(down).toMatchObject({ kind: 'gateway-down', cause: { label: 'gateway_down' }, version: 1 });
    expect(t.apply({ type: 'gateway', at: T0 + 15_000, up: false, detail: 'port 18789 refused' })).toEqual(
      [],
    );
    const [other] = t.apply({ type: 'gateway', at: T0 + 30_000, up: false, detail: 'port 18789 timed out' });
    expect(other).toMatchObject({ detail: 'port 18789 timed out', version: 2 });
    const [up] = t.apply({ type: 'gateway', at: T0 + 45_000, up: true, detail: '' });
    expect(up).toMatchObject({ status: 'resolved', version: 3 });
    expect(t.apply({ type: 'gateway', at: T0 + 60_000, up: true, detail: '' })).toEqual([]);
  });
});

describe('silent worker episodes', () => {
  it('opens once a heartbeat is old enough, once per host, and ends when it comes back', () => {
    const s = createSilenceTracker({ silentMs: 120_000, quietMs: 600_000 });
    expect(s.apply([{ host: 'gw-1', lastSeen: T0 }], T0 + 60_000)).toEqual([]);
    const [silent, ...more] = s.apply(
      [
        { host: 'gw-1', lastSeen: T0 },
        { host: 'gw-2', lastSeen: T0 + 119_000 },
      ],
      T0 + 120_000,
    );
    expect(more).toEqual([]);
    expect(silent).toMatchObject({ kind: 'worker-silent', host: 'gw-1', startedAt: T0, version: 1 });
    expect(s.apply([{ host: 'gw-1', lastSeen: T0 }], T0 + 200_000)).toEqual([]);
    const [back] = s.apply([{ host: 'gw-1', lastSeen: T0 + 300_000 }], T0 + 300_000);
    expect(back).toMatchObject({ id: silent?.id, status: 'resolved', version: 2 });

    const next = createSilenceTracker({ silentMs: 120_000, quietMs: 600_000 });
    next.restore(s.list());
    expect(next.apply([{ host: 'gw-1', lastSeen: T0 + 300_000 }], T0 + 301_000)).toEqual([]);
  });
});

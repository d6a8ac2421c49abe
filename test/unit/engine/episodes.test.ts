import { describe, expect, it } from 'vitest';
import {
  createEpisodeTracker,
  EpisodeSchema,
  hashedProfileId,
  type WatchInput,
} from '../../../src/engine/episodes.js';
import { toLogEvent } from '../../../src/engine/log-events.js';
import { parseLogLine } from '../../../src/engine/parse/log-lines.js';
import type { UnusableProfile } from '../../../src/engine/parse/models-status.js';
import { capturedLine, lineAt } from '../../support/log-lines.js';
import { generateSecrets } from '../../support/secrets.js';

const T0 = Date.parse('2026-11-25T03:00:00Z');
const RATE_LIMIT_SET = capturedLine('cooldown', '"auth_profile_failure_state_updated"');
const RATE_LIMIT_FAIL = capturedLine('cooldown', '"embedded_run_agent_end"');
const SUCCESS = capturedLine('cooldown', '"candidate_succeeded"');
const BILLING_SET = capturedLine('billing', '"auth_profile_failure_state_updated"');

const log = (line: string, at: number): WatchInput => {
  const event = toLogEvent(parseLogLine(lineAt(line, at)) ?? expect.fail('unreadable line'));
  return { type: 'log', event: event ?? expect.fail(`not an event: ${line.slice(0, 80)}`), at };
};
const state = (unusable: Partial<UnusableProfile>[], at: number): WatchInput => ({
  type: 'state',
  at,
  profileIds: ['anthropic:default'],
  unusable: unusable.map((u) => ({
    profileId: 'anthropic:default',
    provider: 'anthropic',
    kind: 'cooldown',
    reason: 'rate_limit',
    until: null,
    remainingMs: 60_000,
    ...u,
  })),
});
const tracker = (quietMs = 10 * 60_000) =>
  createEpisodeTracker({ host: 'gw-1', instance: 'default', quietMs });

describe('cooldown episodes', () => {
  it('says which fallback carries the traffic, and news when it stops being usable', () => {
    const t = tracker();
    const chain = (usable: boolean) => [
      { route: 'anthropic/claude-opus-5', provider: 'anthropic', usable: false },
      { route: 'openai/gpt-5', provider: 'openai', usable },
    ];
    const [opened] = t.apply({ ...state([{}], T0), chain: chain(true) } as WatchInput);
    expect(opened?.fallback).toEqual({ route: 'openai/gpt-5', usable: true });
    const [changed] = t.apply({ ...state([{}], T0 + 5_000), chain: chain(false) } as WatchInput);
    expect(changed?.fallback).toEqual({ route: 'openai/gpt-5', usable: false });
    expect(changed?.version).toBe(2);
  });

  it('names the log hash of a profile id the way OpenClaw does', () => {
    expect(hashedProfileId('anthropic:default')).toBe('sha256:154a23a3efe6');
  });

  it('opens one episode with the first failure as its cause, and keeps quiet on repeats', () => {
    const t = tracker();
    expect(t.apply(log(RATE_LIMIT_FAIL, T0))).toEqual([]);
    const [opened, ...more] = t.apply(log(RATE_LIMIT_SET, T0 + 1_000));
    expect(more).toEqual([]);
    expect(opened).toMatchObject({
      host: 'gw-1',
      provider: 'anthropic',
      status: 'active',
      version: 1,
      cause: { label: 'rate_limited' },
      windows: [{ kind: 'cooldown', reason: 'rate_limit' }],
    });
    expect(opened?.cause?.text).toContain('rate limit');
    expect(opened?.windows[0]?.until).toBe(T0 + 1_000 + 29_990);
    for (let i = 0; i < 50; i++) expect(t.apply(log(RATE_LIMIT_SET, T0 + 1_000))).toEqual([]);
  });

  it('never carries a key from the failing request into the episode', () => {
    const { anthropicApiKey } = generateSecrets();
    const leaky = RATE_LIMIT_FAIL.replace(
      '"rawErrorPreview":"429: ',
      `"rawErrorPreview":"429: x-api-key ${anthropicApiKey} `,
    );
    expect(leaky).toContain(anthropicApiKey);
    const t = tracker();
    t.apply(log(leaky, T0));
    const [opened] = t.apply(log(RATE_LIMIT_SET, T0 + 1_000));
    expect(opened?.cause?.text).toContain('429');
    expect(JSON.stringify(opened)).not.toContain(anthropicApiKey);
    expect(JSON.stringify(opened)).not.toContain(anthropicApiKey.slice(14, 40));
  });

  it('uses the profile id once the state has named its hash', () => {
    const t = tracker();
    t.apply(state([], T0));
    const [opened] = t.apply(log(RATE_LIMIT_SET, T0 + 1_000));
    expect(opened?.windows[0]?.profileId).toBe('anthropic:default');
  });

  it('edits when the cooldown becomes a billing disable, and resolves on a success', () => {
    const t = tracker();
    t.apply(log(RATE_LIMIT_SET, T0));
    const [changed] = t.apply(log(BILLING_SET, T0 + 5_000));
    expect(changed).toMatchObject({ version: 2, windows: [{ kind: 'disabled', reason: 'billing' }] });
    const [resolved] = t.apply(log(SUCCESS, T0 + 9_000));
    expect(resolved).toMatchObject({ status: 'resolved', version: 3, resolvedAt: T0 + 9_000, windows: [] });
  });

  it('resolves when the last window runs out', () => {
    const t = tracker();
    t.apply(log(RATE_LIMIT_SET, T0));
    expect(t.apply({ type: 'tick', at: T0 + 10_000 })).toEqual([]);
    const [resolved] = t.apply({ type: 'tick', at: T0 + 40_000 });
    expect(resolved).toMatchObject({ status: 'resolved', resolvedAt: T0 + 29_990 });
  });

  it('reopens the same episode within the quiet window, and starts a new one after it', () => {
    const t = tracker(60_000);
    const [first] = t.apply(log(RATE_LIMIT_SET, T0));
    t.apply(log(SUCCESS, T0 + 1_000));
    const [again] = t.apply(log(RATE_LIMIT_SET, T0 + 20_000));
    expect(again).toMatchObject({ id: first?.id, status: 'active', flaps: 1, version: 3 });
    t.apply(log(SUCCESS, T0 + 21_000));
    t.apply({ type: 'tick', at: T0 + 200_000 });
    const [fresh] = t.apply(log(RATE_LIMIT_SET, T0 + 200_000));
    expect(fresh).toMatchObject({ status: 'active', flaps: 0, version: 1 });
    expect(fresh?.id).not.toBe(first?.id);
  });

  it('opens an episode from the state alone, and ends it when the state no longer lists it', () => {
    const t = tracker();
    const [opened] = t.apply(state([{ kind: 'disabled', reason: 'billing', remainingMs: 3_600_000 }], T0));
    expect(opened).toMatchObject({
      status: 'active',
      cause: { label: 'billing' },
      windows: [{ profileId: 'anthropic:default', kind: 'disabled', until: T0 + 3_600_000 }],
    });
    expect(
      t.apply(state([{ kind: 'disabled', reason: 'billing', remainingMs: 3_590_000 }], T0 + 10_000)),
    ).toEqual([]);
    const [ended] = t.apply(state([], T0 + 20_000));
    expect(ended).toMatchObject({ status: 'resolved', version: 2 });
  });

  it('does not let a state read before a log line end the episode that line opened', () => {
    const t = tracker();
    t.apply(log(RATE_LIMIT_SET, T0 + 1_000));
    expect(t.apply(state([], T0))).toEqual([]);
    expect(t.isActive('anthropic')).toBe(true);
  });

  it('ignores windows that had ended before the line was read, and restores a saved episode', () => {
    const t = tracker();
    const old = log(RATE_LIMIT_SET, T0);
    expect(t.apply({ ...old, at: T0 + 60_000 })).toEqual([]);
    const [opened] = t.apply(log(RATE_LIMIT_SET, T0 + 100_000));
    const next = tracker();
    next.restore(t.list());
    expect(next.apply(log(RATE_LIMIT_SET, T0 + 100_000))).toEqual([]);
    expect(next.list()[0]?.id).toBe(opened?.id);
  });

  it('restores an episode saved before episodes had kinds as the cooldown of its provider', () => {
    const t = tracker();
    const [opened] = t.apply(log(RATE_LIMIT_SET, T0));
    const {
      kind: _k,
      subject: _s,
      detail: _d,
      expiresAt: _e,
      ...saved
    } = opened ?? expect.fail('no episode');
    const next = tracker();
    next.restore([EpisodeSchema.parse(JSON.parse(JSON.stringify(saved)))]);
    expect(next.apply(log(RATE_LIMIT_SET, T0 + 1_000))).toEqual([]);
    expect(next.list()).toHaveLength(1);
  });
});

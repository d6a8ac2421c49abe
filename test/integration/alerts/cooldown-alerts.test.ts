import { renameSync, truncateSync, writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  append,
  discordPosts,
  expectAlerts,
  slackPosts,
  startAlertSide,
  text,
} from '../../support/alert-side.js';
import { postSigned, slashBody } from '../../support/fake-slack.js';
import { capturedLine, lineAt } from '../../support/log-lines.js';

vi.setConfig({ testTimeout: 60_000 });

const FAIL = capturedLine('cooldown', '"embedded_run_agent_end"');
const COOLDOWN = capturedLine('cooldown', '"auth_profile_failure_state_updated"');
const BILLING = capturedLine('billing', '"auth_profile_failure_state_updated"');
const SUCCESS = capturedLine('cooldown', '"candidate_succeeded"');

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c().catch(() => {});
});

/**
 * A worker watching `scenario`'s gateway, and a bot posting alerts to both platforms: in this
 * process, or as real processes given `processes`.
 */
const start = (scenario: string, host: string, processes = false) =>
  startAlertSide({ scenario, host, processes }, cleanups);

describe('cooldown alerts from the gateway log to Slack and Discord', () => {
  it('posts one alert per episode with cause and remaining time, ignores repeats, and edits it to resolved', async () => {
    // The alert path through real worker and bot processes (env, start, stdio, signals); the
    // other families run the same verbs in this process, where the watchers' wiring is the same.
    const s = await start('healthy', 'gw-alert', true);
    const now = Date.now();
    append(s, lineAt(FAIL, now), lineAt(COOLDOWN, now));
    await expectAlerts(s, 1, 0);
    for (const body of [text(slackPosts(s)[0]?.args.blocks), text(discordPosts(s)[0]?.body)]) {
      expect(body).toMatch(/anthropic cooldown on gw-alert/);
      expect(body).toMatch(/rate_limited/);
      expect(body).toMatch(/API rate limit reached/);
      expect(body).toMatch(/\d+ s left/);
      expect(body).toMatch(/Diagnose gw-alert/);
    }

    append(s, ...Array.from({ length: 50 }, () => lineAt(COOLDOWN, now)));
    append(s, lineAt(SUCCESS, Date.now()));
    // Lines are handled in order, so the edit to resolved comes after all 50 repeats were seen.
    await expectAlerts(s, 1, 1, /Resolved: anthropic cooldown on gw-alert/);
    const ts = slackPosts(s)[0] && (await s.slack.waitFor((c) => c.method === 'chat.update')).args.ts;
    expect(ts).toBe('1700000000.000001');
  });

  it('keeps the episode across a rotation and a truncation of the log file', async () => {
    const s = await start('healthy', 'gw-rotate');
    append(s, lineAt(FAIL, Date.now()), lineAt(COOLDOWN, Date.now()));
    await expectAlerts(s, 1, 0);

    renameSync(s.log, `${s.log}.1`);
    writeFileSync(s.log, '');
    append(s, lineAt(BILLING, Date.now()));
    await expectAlerts(s, 1, 1, /disabled \(billing\)/);

    truncateSync(s.log, 0);
    append(s, lineAt(SUCCESS, Date.now()));
    await expectAlerts(s, 1, 2, /Resolved: anthropic cooldown on gw-rotate/);
  });

  it('says in the first line that the fallback carries the traffic while Anthropic is disabled', async () => {
    // The capture's `models status --json`: anthropic:default disabled for billing, openai/gpt-5 keyed.
    const s = await start('routes_fallback_ok', 'gw-fallback');
    await expectAlerts(s, 1, 0);
    const slack = slackPosts(s)[0]?.args;
    expect(String(slack?.text)).toMatch(
      /^🧊 anthropic is in cooldown on gw-fallback since \d\d:\d\d UTC, \d+ min left; openai\/gpt-5 is serving\./,
    );
    expect(text(slack?.blocks)).toMatch(/anthropic cooldown on gw-fallback — openai\/gpt-5 serving/);
    expect(text(discordPosts(s)[0]?.body)).toMatch(/openai\/gpt-5 is serving/);
  });

  it('alerts on a cooldown found only in the profile state, and /claw cooldown shows it', async () => {
    // The billing capture's `models status --json` lists anthropic:default disabled for billing.
    const s = await start('billing', 'gw-state');
    await expectAlerts(s, 1, 0);
    const body = text(slackPosts(s)[0]?.args.blocks);
    expect(body).toMatch(/anthropic:default — disabled \(billing\)/);
    expect(body).toMatch(/9 min left|10 min left/);
    expect(body).toMatch(/no fallback configured: nothing takes over/);
    expect(text(discordPosts(s)[0]?.body)).toMatch(/billing/);

    const form = new URLSearchParams(slashBody(s.slack, 'cooldown gw-state')).toString();
    expect((await postSigned(`http://127.0.0.1:${s.port}/slack/events`, form)).status).toBe(200);
    const answer = await s.slack.waitFor(
      (c) =>
        c.method === 'chat.postMessage' && c.args.channel === 'C0OPS' && text(c.args).includes('gw-state'),
    );
    expect(text(answer.args)).toMatch(/anthropic in cooldown/);
    expect(text(answer.args)).toMatch(/min left/);
  });
});

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { discordPosts, expectAlerts, slackPosts, startAlertSide, text } from '../../support/alert-side.js';

vi.setConfig({ testTimeout: 120_000 });

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c().catch(() => {});
});

const HOUR = 3600_000;
/** The capture's OAuth profile, as `models status --json` would show it with `remainingMs` left. */
const withExpiry = (json: string, status: string, remainingMs: number) =>
  json.replace(
    /"status": "expired",(\s*)"reasonCode": "expired",/g,
    `"status": "${status}",$1"reasonCode": null,$1"remainingMs": ${remainingMs},`,
  );

describe('credential-expiring alerts', () => {
  it('posts an OAuth login about to expire with the command to renew it, edits when it expires, resolves when renewed', async () => {
    const s = await startAlertSide(
      {
        scenario: 'oauth_refresh_failed',
        host: 'gw-oauth',
        scenarioOptions: {
          plant: (text, file) =>
            file === 'models_status_json.out' ? withExpiry(text, 'expiring', 2 * HOUR) : text,
        },
        // The shortest state poll there is: each step below waits for one read.
        workerEnv: { CLAWOPS_STATE_POLL_MS: '2000' },
      },
      cleanups,
    );
    const file = join(s.scenario.env.FAKE_OPENCLAW_SCENARIO_DIR ?? '', 'models_status_json.out');
    const captured = readFileSync(file, 'utf8');
    expect(captured).toContain('"remainingMs": 7200000');
    await expectAlerts(s, 1, 0, /Credential expiring on gw-oauth: anthropic:lab-oauth/);
    for (const body of [text(slackPosts(s)[0]?.args), text(discordPosts(s)[0]?.body)]) {
      expect(body).toMatch(/2 h left/);
      expect(body).toMatch(/openclaw models auth login --provider anthropic/);
    }

    writeFileSync(file, captured.replace('"remainingMs": 7200000', '"remainingMs": -300000'));
    await expectAlerts(s, 1, 1, /Credential expired on gw-oauth/);
    writeFileSync(file, captured.replace('"remainingMs": 7200000', `"remainingMs": ${30 * 24 * HOUR}`));
    await expectAlerts(s, 1, 2, /Resolved: anthropic:lab-oauth expiring on gw-oauth/);
    // Due again within the quiet window: the same message comes back.
    writeFileSync(file, captured);
    await expectAlerts(s, 1, 3, /came back 1 time\(s\)/);
  });
});

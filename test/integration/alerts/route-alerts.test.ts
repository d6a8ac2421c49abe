import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  append,
  discordEdits,
  discordPosts,
  expectAlerts,
  slackEdits,
  slackPosts,
  startAlertSide,
  text,
} from '../../support/alert-side.js';
import { capturedLine, lineAt } from '../../support/log-lines.js';
import { generateSecrets } from '../../support/secrets.js';

vi.setConfig({ testTimeout: 60_000 });

const INVALID_KEY = capturedLine('invalid_key_401', '"embedded_run_agent_end"');
const SUCCESS = capturedLine('cooldown', '"candidate_succeeded"');

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c().catch(() => {});
});

describe('route-broken alerts', () => {
  it('posts a revoked key once with its owner and redacted evidence, edits on a flap, resolves on a success', async () => {
    const s = await startAlertSide({ scenario: 'healthy', host: 'gw-route' }, cleanups);
    const { anthropicApiKey } = generateSecrets();
    const leaky = INVALID_KEY.replace(
      '"rawErrorPreview":"',
      `"rawErrorPreview":"x-api-key ${anthropicApiKey} `,
    );
    expect(leaky).toContain(anthropicApiKey);
    append(s, lineAt(leaky, Date.now()));
    await expectAlerts(s, 1, 0, /Anthropic rejected the key \(401\) on gw-route/);
    for (const body of [text(slackPosts(s)[0]?.args), text(discordPosts(s)[0]?.body)]) {
      expect(body).toMatch(/anthropic-account/);
      expect(body).toMatch(/401/);
      expect(body).toMatch(/Diagnose gw-route/);
      expect(body).not.toContain(anthropicApiKey);
    }

    // Every later turn fails the same way: still the one message.
    append(s, ...Array.from({ length: 30 }, () => lineAt(INVALID_KEY, Date.now())));
    append(s, lineAt(SUCCESS, Date.now()));
    await expectAlerts(s, 1, 1, /Resolved: anthropic invalid_key on gw-route/);

    append(s, lineAt(INVALID_KEY, Date.now()));
    await expectAlerts(s, 1, 2, /came back 1 time\(s\)/);
    append(s, lineAt(SUCCESS, Date.now()));
    await expectAlerts(s, 1, 3, /Resolved: anthropic invalid_key/);
    const all = [...slackEdits(s), ...discordEdits(s)].map((c) => text(c));
    expect(all.join('\n')).not.toContain(anthropicApiKey);
  });

  it('posts nothing of a kind CLAWOPS_ALERT_KINDS leaves out', async () => {
    const s = await startAlertSide(
      {
        scenario: 'healthy',
        host: 'gw-kinds',
        workerEnv: { CLAWOPS_ALERT_KINDS: 'cooldown' },
      },
      cleanups,
    );
    expect(s.worker.stderr()).toMatch(/watching for alerts: cooldown\n/);
    append(s, lineAt(INVALID_KEY, Date.now()));
    const FAIL = capturedLine('cooldown', '"embedded_run_agent_end"');
    const COOLDOWN = capturedLine('cooldown', '"auth_profile_failure_state_updated"');
    append(s, lineAt(FAIL, Date.now()), lineAt(COOLDOWN, Date.now()));
    // The cooldown after the broken route is posted; the broken route is not.
    await expectAlerts(s, 1, 0, /anthropic cooldown on gw-kinds/);
    expect(text(slackPosts(s))).not.toMatch(/rejected the key/);
  });
});

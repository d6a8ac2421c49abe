import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ALERTS, append, startAlertSide } from '../../support/alert-side.js';
import { CHANNEL_ID } from '../../support/fake-discord.js';
import { capturedLine, lineAt } from '../../support/log-lines.js';
import { redisDump } from '../../support/redis.js';

vi.setConfig({ testTimeout: 60_000 });

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c().catch(() => {});
});

const FAIL = capturedLine('cooldown', '"embedded_run_agent_end"');
const COOLDOWN = capturedLine('cooldown', '"auth_profile_failure_state_updated"');

describe('cooldown alerts and the host’s known secrets', () => {
  it('redact the gateway token a provider error quotes, in the watch report, the alert job and the alert', async () => {
    // No shape gives this token away: only the config says it is a secret.
    const token = randomBytes(18).toString('base64url');
    const s = await startAlertSide(
      {
        scenario: 'healthy',
        host: 'gw-tok',
        // The processes' whole stderr, their logs included, is checked for the token.
        processes: true,
        scenarioOptions: {
          plant: (text, file) => {
            if (file !== 'openclaw.json.snapshot') return text;
            const config = JSON.parse(text) as { gateway: { auth: Record<string, string> } };
            config.gateway.auth.token = token;
            return JSON.stringify(config);
          },
        },
      },
      cleanups,
    );

    const fail = lineAt(FAIL, Date.now()).replace('"error":"', `"error":"gateway token ${token} rejected; `);
    append(s, fail, lineAt(COOLDOWN, Date.now()));
    const slackAlert = await s.slack.waitFor(
      (c) => c.method === 'chat.postMessage' && c.args.channel === ALERTS,
    );
    const discordAlert = await s.discord.waitFor(
      (c) => c.method === 'POST' && c.path === `/channels/${CHANNEL_ID}/messages`,
    );

    const stored = (await redisDump(s.redisUrl, s.prefix)).text;
    // The cause reached the report and the alert, redacted.
    expect(stored).toMatch(/gateway token \[REDACTED\] rejected/);
    expect(JSON.stringify(slackAlert.args)).toMatch(/gateway token \[REDACTED\] rejected/);
    for (const text of [
      stored,
      JSON.stringify(slackAlert.args),
      JSON.stringify(discordAlert.body),
      s.worker.stderr(),
    ])
      expect(text).not.toContain(token);
  });
});

import { afterEach, describe, expect, it, vi } from 'vitest';
import { discordPosts, expectAlerts, slackPosts, startAlertSide, text } from '../../support/alert-side.js';
import { postSigned, slashBody } from '../../support/fake-slack.js';

vi.setConfig({ testTimeout: 120_000 });

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c().catch(() => {});
});

describe('worker-silent alerts', () => {
  it('with two bots, posts one alert when a worker goes silent, lists it, and resolves it when the worker is back', async () => {
    const s = await startAlertSide(
      {
        scenario: 'healthy',
        host: 'gw-silent',
        bots: 2,
        // About processes: a worker that stops and starts again, and the bots' own logs.
        processes: true,
        botEnv: { CLAWOPS_SILENT_ALERT_MS: '10000', CLAWOPS_LOG_LEVEL: 'info' },
      },
      cleanups,
    );
    expect(await s.worker.stop()).toBe(0);
    await expectAlerts(s, 1, 0, /Worker silent on gw-silent/);
    for (const body of [text(slackPosts(s)[0]?.args), text(discordPosts(s)[0]?.body)]) {
      expect(body).toMatch(/no heartbeat since \d\d:\d\d UTC/);
      expect(body).toMatch(/systemctl status clawops-worker/);
      expect(body).not.toMatch(/Diagnose gw-silent/);
    }

    const form = new URLSearchParams(slashBody(s.slack, 'alerts')).toString();
    expect((await postSigned(`http://127.0.0.1:${s.port}/slack/events`, form)).status).toBe(200);
    const answer = await s.slack.waitFor(
      (c) => c.method === 'chat.postMessage' && c.args.channel === 'C0OPS' && text(c.args).includes('open'),
    );
    expect(text(answer.args)).toMatch(/1 alert open/);
    expect(text(answer.args)).toMatch(/gw-silent worker-silent since/);

    await s.restartWorker();
    await expectAlerts(s, 1, 1, /Resolved: worker silent on gw-silent/);
    // Both bots looked at the heartbeats all along; still one post and one edit on each platform.
    await new Promise((r) => setTimeout(r, 3_000));
    await expectAlerts(s, 1, 1);
    // One bot raised the episode and ended it; the other never did.
    const raised = s.bots.map((b) =>
      b
        .stderr()
        .split('\n')
        .filter((l) => l.includes('worker-silent episode changed')),
    );
    expect(raised.flat()).toHaveLength(2);
    expect(raised.filter((lines) => lines.length > 0)).toHaveLength(1);
  });
});

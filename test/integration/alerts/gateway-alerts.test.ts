import { once } from 'node:events';
import { createServer, type Server } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  type AlertSide,
  discordPosts,
  expectAlerts,
  slackPosts,
  startAlertSide,
  text,
} from '../../support/alert-side.js';
import { clickPayload, postSigned } from '../../support/fake-slack.js';
import { buttonsOf } from '../../support/fix-harness.js';
import { freePort } from '../../support/redis.js';

vi.setConfig({ testTimeout: 90_000 });

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c().catch(() => {});
});

/** The gateway's port, held by this test: open while "the gateway" runs, closed while it is stopped. */
function gatewayPort(port: number) {
  let server: Server | null = null;
  const gateway = {
    async start() {
      server = createServer((socket) => socket.end());
      server.listen(port, '127.0.0.1');
      await once(server, 'listening');
    },
    async stop() {
      const s = server;
      server = null;
      if (s) await new Promise((resolve) => s.close(resolve));
    },
  };
  cleanups.push(() => gateway.stop());
  return gateway;
}

/**
 * The gateway_down capture: `gateway status` says nothing listens and the RPC fails, which is
 * what OpenClaw answers while the gateway is stopped. The port itself is this test's, open before
 * the worker starts watching it: a bot slow to start must not pass for an outage. Worker and bot
 * run in this process, or as real processes given `processes`.
 */
async function start(host: string, confirmMs: number, processes = false) {
  const port = await freePort();
  const gateway = gatewayPort(port);
  await gateway.start();
  const side = await startAlertSide(
    {
      scenario: 'gateway_down',
      host,
      processes,
      workerEnv: {
        OPENCLAW_GATEWAY_PORT: String(port),
        CLAWOPS_GATEWAY_CHECK_MS: '200',
        CLAWOPS_GATEWAY_CONFIRM_MS: String(confirmMs),
      },
    },
    cleanups,
  );
  return { side, gateway };
}

const statusCalls = (s: AlertSide) =>
  s.scenario.calls().filter((c) => c.args.join(' ') === 'gateway status --json').length;

describe('gateway-down alerts', () => {
  it('posts once the port stays closed and gateway status agrees, edits on a flap, resolves when it answers', async () => {
    const { side, gateway } = await start('gw-down', 1_000);
    await gateway.stop();
    await expectAlerts(side, 1, 0, /Gateway down on gw-down/);
    const body = text(slackPosts(side)[0]?.args.blocks);
    expect(body).toMatch(/refused \(ECONNREFUSED\)/);
    expect(body).toMatch(/gateway-runtime/);
    expect(body).toMatch(/Start the gateway/);
    expect(text(discordPosts(side)[0]?.body)).toMatch(/Start the gateway/);
    expect(statusCalls(side)).toBeGreaterThanOrEqual(2); // one at the worker's start, one to confirm

    await gateway.start();
    await expectAlerts(side, 1, 1, /Resolved: gateway down on gw-down/);
    // Back within the quiet window: the same message, edited.
    await gateway.stop();
    await expectAlerts(side, 1, 2, /came back 1 time\(s\)/);
    await gateway.start();
    await expectAlerts(side, 1, 3, /Resolved: gateway down on gw-down/);
  });

  it('offers the Start fix as a request an approver approves', async () => {
    const { side, gateway } = await start('gw-start', 0);
    await gateway.stop();
    await expectAlerts(side, 1, 0);
    const post = slackPosts(side)[0];
    const button = buttonsOf(post?.args.blocks).get('Start the gateway');
    expect(button).toBeDefined();
    const form = new URLSearchParams({
      payload: JSON.stringify(clickPayload(side.slack, button ?? '', String(post?.ts))),
    }).toString();
    expect((await postSigned(`http://127.0.0.1:${side.port}/slack/events`, form)).status).toBe(200);
    const approval = await side.slack.waitFor((c) => text(c.args).includes('Approve'));
    expect(text(approval.args)).toMatch(/start-gateway|Start the gateway/);
    expect(text(approval.args)).toMatch(/gw-start/);
  });

  it('raises nothing for a restart that completes within the confirmation delay', async () => {
    const { side, gateway } = await start('gw-restart', 5_000);
    const before = statusCalls(side);
    await gateway.stop();
    await new Promise((r) => setTimeout(r, 1_000));
    await gateway.start();
    // Well past the confirmation delay of the closed spell: nothing was confirmed, nothing posted.
    await new Promise((r) => setTimeout(r, 6_000));
    expect(statusCalls(side)).toBe(before);
    expect(slackPosts(side)).toHaveLength(0);
    expect(discordPosts(side)).toHaveLength(0);
    // The watch is alive: an outage that lasts is posted.
    await gateway.stop();
    await expectAlerts(side, 1, 0, /Gateway down on gw-restart/);
  });
});

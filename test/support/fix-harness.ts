import { Redis } from 'ioredis';
import { createSlackAdapter } from '../../adapters/slack/index.js';
import { chatDepsFor } from '../../src/cli/chat-deps.js';
import { createHostParts } from '../../src/cli/host-parts.js';
import { loadConfig } from '../../src/config.js';
import type { AuditEntry } from '../../src/core/audit.js';
import type { BotParts } from '../../src/core/bot-parts.js';
import type { DispatchDeps } from '../../src/core/dispatch.js';
import { createLogger } from '../../src/logger.js';
import { createRedisAlertRefs } from '../../src/queue/alert-refs.js';
import { createBullTransport } from '../../src/queue/bull-transport.js';
import { keysFor } from '../../src/queue/keys.js';
import { createRedisActionStore } from '../../src/queue/redis-action-store.js';
import { createRedisApprovalStore, createRedisAuditLog } from '../../src/queue/redis-approvals.js';
import {
  clickPayload,
  type FakeSlack,
  postSigned,
  SIGNING_SECRET,
  type SlackCall,
  slashBody,
  startFakeSlack,
} from './fake-slack.js';
import { dropPrefix, testPrefix, useRedis } from './redis.js';
import { prepareScenario, type Scenario } from './scenario.js';

export const APPROVER = 'U0BOB';
export const REQUESTER = 'U0ALICE';

/**
 * A gateway host with its real `clawops` worker (BullMQ, fake `openclaw` that records every
 * argv), and the bot's parts on the same Redis: approvals, buttons and the audit stream.
 */
export async function startFixHarness(
  capture: string,
  env: Record<string, string> = {},
  deps: Partial<DispatchDeps> = {},
  /** How long the bot waits for a worker to take a request (the transport's default: 30 s). */
  pickupTimeoutMs?: number,
) {
  const stops: (() => Promise<unknown>)[] = [];
  const redis = await useRedis();
  stops.push(() => redis.stop());
  const prefix = testPrefix();
  stops.push(() => dropPrefix(redis.url, prefix));
  const scenario: Scenario = await prepareScenario(capture);
  stops.push(() => scenario.stop());
  const config = loadConfig({
    ...scenario.env,
    REDIS_URL: redis.url,
    CLAWOPS_REDIS_PREFIX: prefix,
    CLAWOPS_HOST: 'gw-1',
    CLAWOPS_LOG_LEVEL: 'silent',
    CLAWOPS_APPROVERS: `${APPROVER},${REQUESTER}`,
    // The captured gateways run under no service manager: this is how such a host starts one.
    CLAWOPS_START_COMMAND: `${scenario.env.OPENCLAW_BIN} gateway start --json`,
    ...env,
  });
  const abort = new AbortController();
  const worker = await createHostParts(config, { signal: abort.signal }).startWorker(redis.url);
  stops.push(() => worker.close());
  const client = new Redis(redis.url);
  stops.push(async () => client.quit());
  const keys = keysFor(prefix);
  const transport = createBullTransport({
    redisUrl: redis.url,
    prefix,
    pollMs: 250,
    ...(pickupTimeoutMs === undefined ? {} : { pickupTimeoutMs }),
  });
  stops.push(() => transport.close());
  const parts: BotParts = {
    requestDiagnosis: (r, o) => transport.requestDiagnosis(r, o),
    requestFix: (r, o) => transport.requestFix(r, o),
    listHosts: () => transport.listHosts(),
    close: () => transport.close(),
    actions: createRedisActionStore(client, prefix),
    approvals: createRedisApprovalStore(client, keys),
    audit: createRedisAuditLog(client, keys),
    alertRefs: createRedisAlertRefs(client, prefix),
  };
  const chat = chatDepsFor(config, parts, createLogger('silent'), deps);
  return {
    config,
    scenario,
    /** The host's worker, as started; a test may stop it (and start another with `config`). */
    worker,
    chat,
    parts,
    /** The fix commands the worker ran on the host. */
    executed: () =>
      scenario.calls().filter((c) => /^(gateway restart|gateway start|doctor --fix)/.test(c.args.join(' '))),
    /** The audit stream's entries, oldest first. */
    audit: async (): Promise<AuditEntry[]> => (await parts.audit.recent(null, 1000)).reverse(),
    async stop() {
      abort.abort();
      for (const s of stops.reverse()) await s().catch(() => {});
    },
  };
}

export type SlackSide = { fake: FakeSlack; url: string; stop(): Promise<void> };

/** The real Slack adapter on a fake Slack, answering with the harness's dispatch deps. */
export async function startSlackSide(
  deps: DispatchDeps,
  groups: Record<string, string[]> = {},
): Promise<SlackSide> {
  const fake = await startFakeSlack();
  for (const [g, users] of Object.entries(groups)) fake.groups.set(g, users);
  const adapter = createSlackAdapter({
    botToken: 'xoxb-t',
    signingSecret: SIGNING_SECRET,
    apiUrl: fake.apiUrl,
    deps,
    approverGroups: Object.keys(groups),
    progressIntervalMs: 50,
  });
  const port = await adapter.start(0);
  return {
    fake,
    url: `http://127.0.0.1:${port}/slack/events`,
    async stop() {
      await adapter.stop();
      await fake.stop();
    },
  };
}

type Btn = { value: string; text: { text: string } };
const buttonsIn = (blocks: unknown): Btn[] =>
  ((blocks ?? []) as { type: string; elements?: Btn[] }[])
    .filter((b) => b.type === 'actions')
    .flatMap((b) => b.elements ?? []);

/** The buttons of a Slack message's blocks, by label. */
export const buttonsOf = (blocks: unknown): Map<string, string> =>
  new Map(buttonsIn(blocks).map((b) => [b.text.text, b.value]));

/** The ts of the message a post or edit left: an edit names it, the fake answered a post with it. */
export const tsOf = (call: SlackCall): string =>
  call.method === 'chat.update' ? String(call.args.ts) : String(call.ts);

/**
 * Types `/claw <text>` as `user` and returns the final message's ts, text and buttons by label:
 * the first post or edit with buttons, or, given `expect`, the first whose blocks match it.
 */
export async function slash(side: SlackSide, text: string, user = REQUESTER, expect?: RegExp) {
  const before = side.fake.calls.length;
  await postSigned(side.url, new URLSearchParams(slashBody(side.fake, text, { user_id: user })).toString());
  const final = await side.fake.waitFor(
    (c) =>
      side.fake.calls.indexOf(c) >= before &&
      (c.method === 'chat.update' || c.method === 'chat.postMessage') &&
      (expect ? expect.test(JSON.stringify(c.args.blocks)) : buttonsIn(c.args.blocks).length > 0),
  );
  return {
    text: JSON.stringify(final.args.blocks),
    ts: tsOf(final),
    buttons: buttonsOf(final.args.blocks),
  };
}

/**
 * Clicks a button as `user`; resolves with the answer it produced (within `ms`): a thread reply
 * (or its edit), or an ephemeral answer for the clicker alone.
 */
export async function click(
  side: SlackSide,
  value: string,
  ts: string,
  user = APPROVER,
  expect?: RegExp,
  ms = 20_000,
) {
  const before = side.fake.calls.length;
  const payload = JSON.stringify(clickPayload(side.fake, value, ts, user));
  await postSigned(side.url, new URLSearchParams({ payload }).toString());
  const reply = await side.fake.waitFor(
    (c) =>
      side.fake.calls.indexOf(c) >= before &&
      ((c.method === 'chat.postMessage' && c.args.thread_ts !== undefined) ||
        c.method === 'chat.update' ||
        c.method === 'response_url') &&
      (!expect || expect.test(JSON.stringify(c.args.blocks))),
    ms,
  );
  return {
    /** The reply's own ts, for clicks on its buttons. */
    ts: tsOf(reply),
    text: JSON.stringify(reply.args.blocks),
    buttons: buttonsOf(reply.args.blocks),
    ephemeral: reply.method === 'response_url' && reply.args.response_type === 'ephemeral',
  };
}

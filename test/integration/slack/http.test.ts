import { LogLevel } from '@slack/bolt';
import { afterEach, describe, expect, it } from 'vitest';
import { createSlackAdapter, type SlackAdapter } from '../../../adapters/slack/index.js';
import { chatDeps, probeSets } from '../../support/chat-deps.js';
import {
  clickPayload,
  type FakeSlack,
  postSigned,
  SIGNING_SECRET,
  slashBody,
  startFakeSlack,
} from '../../support/fake-slack.js';

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function setUp(capture = 'invalid_key_401', speed = 0) {
  const fake = await startFakeSlack();
  cleanups.push(() => fake.stop());
  const chat = await chatDeps(capture, { speed });
  cleanups.push(() => chat.stop());
  const adapter: SlackAdapter = createSlackAdapter({
    botToken: 'xoxb-test-token',
    signingSecret: SIGNING_SECRET,
    apiUrl: fake.apiUrl,
    deps: chat.deps,
    progressIntervalMs: 50,
    logLevel: LogLevel.ERROR,
  });
  const port = await adapter.start(0);
  cleanups.push(() => adapter.stop());
  return { fake, chat, url: `http://127.0.0.1:${port}/slack/events` };
}

const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
const blocksOf = (args: Record<string, unknown>) => (args.blocks ?? []) as Record<string, unknown>[];
const textOf = (args: Record<string, unknown>) => JSON.stringify(args.blocks ?? []);

async function verdictUpdate(fake: FakeSlack) {
  return fake.waitFor((c) => c.method === 'chat.update' && textOf(c.args).includes('Owner'));
}

describe('Slack over HTTP', () => {
  it('acks a signed /claw diagnose at once, then posts the verdict with owner and fix buttons', async () => {
    const { fake, url } = await setUp();
    const ack = await postSigned(url, form(slashBody(fake, 'diagnose gw-1')));
    expect(ack.status).toBe(200);
    const first = await fake.waitFor((c) => c.method === 'chat.postMessage');
    expect(first.args.channel).toBe('C0OPS');
    expect(first.auth).toBe('Bearer xoxb-test-token');
    expect(String(first.args.text)).toMatch(/diagnosing gw-1/);
    const final = await verdictUpdate(fake);
    expect(final.args.ts).toBe('1700000000.000001');
    const blocks = blocksOf(final.args);
    expect(JSON.stringify(blocks[0])).toMatch(/gw-1: invalid_key/);
    expect(textOf(final.args)).toMatch(/\*Owner\*\\nanthropic-account/);
    const actions = blocks.find((b) => b.type === 'actions') as {
      elements: { value: string; text: { text: string } }[];
    };
    expect(actions.elements.map((e) => e.text.text)).toEqual([
      'Replace the Anthropic API key',
      'Restart the gateway',
    ]);
    for (const e of actions.elements) expect(e.value).toMatch(/^[\w-]{22}$/);
  });

  it.each([
    ['a wrong secret', { secret: 'not-the-secret' }],
    ['a stale timestamp', { timestamp: Math.floor(Date.now() / 1000) - 600 }],
    ['a timestamp an hour ahead', { timestamp: Math.floor(Date.now() / 1000) + 3_600 }],
    ['a timestamp ten years ahead', { timestamp: Math.floor(Date.now() / 1000) + 10 * 365 * 86_400 }],
  ])('rejects a request with %s: 401, and nothing runs', async (_, how) => {
    const { fake, url, chat } = await setUp();
    const res = await postSigned(url, form(slashBody(fake, 'diagnose gw-1')), how);
    expect(res.status).toBe(401);
    await new Promise((r) => setTimeout(r, 200));
    expect(fake.calls.filter((c) => c.method.startsWith('chat.'))).toHaveLength(0);
    expect(probeSets(chat.scenario)).toBe(0);
  });

  it('answers a button click in the message thread, once, and a used button to the clicker alone', async () => {
    const { fake, url } = await setUp();
    await postSigned(url, form(slashBody(fake, 'diagnose gw-1')));
    const final = await verdictUpdate(fake);
    const actions = blocksOf(final.args).find((b) => b.type === 'actions') as {
      elements: { value: string }[];
    };
    const value = actions.elements[0]?.value as string;
    const click = form({ payload: JSON.stringify(clickPayload(fake, value, String(final.args.ts))) });
    expect((await postSigned(url, click)).status).toBe(200);
    const reply = await fake.waitFor(
      (c) => c.method === 'chat.postMessage' && c.args.thread_ts === final.args.ts,
    );
    expect(textOf(reply.args)).toMatch(/openclaw models auth paste-api-key/);
    expect((await postSigned(url, click)).status).toBe(200);
    // The used button is the clicker's mistake: told to them alone, nothing more in the thread.
    const again = await fake.waitFor(
      (c) => c.method === 'response_url' && textOf(c.args).includes('expired'),
    );
    expect(again.args.response_type).toBe('ephemeral');
    expect(textOf(again.args)).toMatch(/already used/);
    expect(
      fake.calls.filter((c) => c.method === 'chat.postMessage' && c.args.thread_ts === final.args.ts),
    ).toHaveLength(1);
  });

  it('answers help and mistakes only to the requester, through response_url', async () => {
    const { fake, url } = await setUp();
    await postSigned(url, form(slashBody(fake, 'frobnicate')));
    await postSigned(url, form(slashBody(fake, 'help')));
    await postSigned(url, form(slashBody(fake, 'diagnose gw-nope')));
    for (let i = 0; i < 100 && fake.responses.length < 3; i++) await new Promise((r) => setTimeout(r, 20));
    const bodies = fake.responses.map((r) => JSON.stringify(r.body));
    expect(bodies.some((b) => b.includes('unknown command \\"frobnicate\\"'))).toBe(true);
    expect(bodies.some((b) => b.includes('unknown host \\"gw-nope\\"'))).toBe(true);
    expect(bodies.some((b) => b.includes('/claw diagnose [host]'))).toBe(true);
    expect(fake.responses.every((r) => r.body.response_type === 'ephemeral')).toBe(true);
    // Not even a "diagnosing…" post first.
    expect(fake.calls.filter((c) => c.method.startsWith('chat.'))).toHaveLength(0);
  });

  it('refuses a channel that is not allowed, and runs nothing', async () => {
    const fake = await startFakeSlack();
    cleanups.push(() => fake.stop());
    const chat = await chatDeps('healthy', { access: { channels: ['C0OTHER'], users: [] } });
    cleanups.push(() => chat.stop());
    const adapter = createSlackAdapter({
      botToken: 'xoxb-t',
      signingSecret: SIGNING_SECRET,
      apiUrl: fake.apiUrl,
      deps: chat.deps,
    });
    const port = await adapter.start(0);
    cleanups.push(() => adapter.stop());
    await postSigned(`http://127.0.0.1:${port}/slack/events`, form(slashBody(fake, 'diagnose gw-1')));
    for (let i = 0; i < 100 && fake.responses.length < 1; i++) await new Promise((r) => setTimeout(r, 20));
    expect(JSON.stringify(fake.responses[0]?.body)).toMatch(/not enabled in this channel/);
    expect(probeSets(chat.scenario)).toBe(0);
  });

  it('honours 429 Retry-After on chat.postMessage, then posts', async () => {
    const { fake, url } = await setUp();
    fake.rateLimitOnce('chat.postMessage', 1);
    await postSigned(url, form(slashBody(fake, 'diagnose gw-1')));
    await verdictUpdate(fake);
    const posts = fake.calls.filter((c) => c.method === 'chat.postMessage');
    expect(posts).toHaveLength(2);
    expect((posts[1]?.at ?? 0) - (posts[0]?.at ?? 0)).toBeGreaterThanOrEqual(1_000);
  });
});

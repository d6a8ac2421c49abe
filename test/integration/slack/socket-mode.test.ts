import { LogLevel } from '@slack/bolt';
import { afterEach, describe, expect, it } from 'vitest';
import { createSlackAdapter } from '../../../adapters/slack/index.js';
import { chatDeps } from '../../support/chat-deps.js';
import { clickPayload, slashBody, startFakeSlack } from '../../support/fake-slack.js';

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

describe('Slack over Socket Mode', () => {
  it('acks /claw over the socket, posts the verdict, and takes a button click', async () => {
    const fake = await startFakeSlack();
    cleanups.push(() => fake.stop());
    const chat = await chatDeps('gateway_down');
    cleanups.push(() => chat.stop());
    const adapter = createSlackAdapter({
      botToken: 'xoxb-test-token',
      appToken: 'xapp-test-token',
      apiUrl: fake.apiUrl,
      deps: chat.deps,
      progressIntervalMs: 50,
      logLevel: LogLevel.ERROR,
    });
    await adapter.start();
    cleanups.push(() => adapter.stop());
    const open = await fake.waitFor((c) => c.method === 'apps.connections.open');
    expect(open.auth).toBe('Bearer xapp-test-token');

    await fake.push('slash_commands', slashBody(fake, 'diagnose'));
    const final = await fake.waitFor(
      (c) => c.method === 'chat.update' && JSON.stringify(c.args.blocks ?? []).includes('gateway_down'),
    );
    const actions = (
      final.args.blocks as { type: string; elements?: { value: string; text: { text: string } }[] }[]
    ).find((b) => b.type === 'actions');
    expect(actions?.elements?.[0]?.text.text).toBe('Start the gateway');

    await fake.push(
      'interactive',
      clickPayload(fake, actions?.elements?.[0]?.value as string, String(final.args.ts)),
    );
    const reply = await fake.waitFor(
      (c) => c.method === 'chat.postMessage' && c.args.thread_ts === final.args.ts,
    );
    expect(JSON.stringify(reply.args.blocks)).toMatch(/openclaw gateway restart/);
  });
});

import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { WatchReport } from '../../../src/core/watch-report.js';
import type { Episode } from '../../../src/engine/episodes.js';
import { createLogger } from '../../../src/logger.js';
import { createAlertPublisher, startAlertConsumer } from '../../../src/queue/alerts.js';
import { dropPrefix, testPrefix, useRedis } from '../../support/redis.js';

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c().catch(() => {});
});

const episode: Episode = {
  id: 'gw-q.default.anthropic.1',
  kind: 'cooldown',
  subject: 'anthropic',
  host: 'gw-q',
  instance: 'default',
  provider: 'anthropic',
  status: 'active',
  startedAt: 1,
  updatedAt: 1,
  resolvedAt: null,
  cause: null,
  windows: [],
  detail: '',
  expiresAt: null,
  flaps: 0,
  version: 1,
};
const report = (episodes: Episode[]): WatchReport => ({
  host: 'gw-q',
  instance: 'default',
  episodes,
  windows: null,
  stateAt: null,
  logSource: null,
  updatedAt: Date.now(),
});

/** Redis, a prefix of the test's own and the worker side's publisher for `host`, all cleaned up. */
async function queueOf(host: string) {
  const redis = await useRedis();
  cleanups.push(() => redis.stop());
  const prefix = testPrefix();
  cleanups.push(() => dropPrefix(redis.url, prefix));
  const publisher = createAlertPublisher({ redisUrl: redis.url, prefix, host });
  cleanups.push(() => publisher.close());
  return { redis, prefix, publisher };
}

describe('the alert queue between workers and the bot', () => {
  it('retries a failed delivery with backoff until it goes through, and logs each failure', async () => {
    const { redis, prefix, publisher } = await queueOf('gw-q');
    const tries: number[] = [];
    const dir = mkdtempSync(join(tmpdir(), 'clawops-alert-log-'));
    const fd = openSync(join(dir, 'bot.log'), 'w');
    cleanups.push(async () => {
      closeSync(fd);
      rmSync(dir, { recursive: true, force: true });
    });
    const log = createLogger('info', [], fd);
    const lines = () => readFileSync(join(dir, 'bot.log'), 'utf8').split('\n').filter(Boolean);
    const consumer = startAlertConsumer({
      redisUrl: redis.url,
      prefix,
      log,
      deliver: async () => {
        tries.push(Date.now());
        if (tries.length < 3) throw new Error('Slack said channel_not_found');
      },
    });
    cleanups.push(() => consumer.close());

    await publisher.publish([episode], report([episode]));
    await publisher.publish([episode], report([episode])); // the same version again: one job
    await vi.waitFor(() => expect(tries).toHaveLength(3), { timeout: 15_000 });
    expect((tries[1] ?? 0) - (tries[0] ?? 0)).toBeGreaterThanOrEqual(900);
    const failures = lines().filter((l) => l.includes('alert_delivery_failed'));
    expect(failures).toHaveLength(2);
    expect(failures[0]).toMatch(/channel_not_found/);
    expect(await publisher.savedEpisodes()).toEqual([episode]);
  });

  it('lets one bot at a time deliver an episode, so two bots cannot both post its first message', async () => {
    const { redis, prefix, publisher } = await queueOf('gw-q');
    let inFlight = 0;
    let most = 0;
    const delivered: string[] = [];
    for (const bot of ['bot-a', 'bot-b']) {
      const consumer = startAlertConsumer({
        redisUrl: redis.url,
        prefix,
        log: createLogger('silent'),
        deliver: async (e) => {
          inFlight++;
          most = Math.max(most, inFlight);
          await new Promise((r) => setTimeout(r, 200));
          delivered.push(`${bot}:v${e.version}`);
          inFlight--;
        },
      });
      cleanups.push(() => consumer.close());
    }
    for (const version of [1, 2, 3]) await publisher.publish([{ ...episode, version }], report([episode]));
    await vi.waitFor(() => expect(delivered).toHaveLength(3), { timeout: 20_000 });
    expect(most).toBe(1);
    expect(delivered.map((d) => d.split(':')[1]).sort()).toEqual(['v1', 'v2', 'v3']);
  });
});

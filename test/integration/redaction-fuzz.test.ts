import { randomBytes } from 'node:crypto';
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CHANNEL_ID, startFakeDiscord } from '../support/fake-discord.js';
import { postSigned, slashBody, startFakeSlack } from '../support/fake-slack.js';
import { capturedLine, lineAt } from '../support/log-lines.js';
import { dropPrefix, freePort, redisDump, testPrefix, useRedis } from '../support/redis.js';
import { prepareScenario, runClawops } from '../support/scenario.js';
import { leaked, type SecretShape, secretShapes } from '../support/secret-shapes.js';
import { discordBotEnv, slackBotEnv, spawnBot, spawnWorker } from '../support/workers.js';

vi.setConfig({ testTimeout: 90_000 });

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c().catch(() => {});
});

const ALERTS = 'C0ALERTS';
const FAIL = capturedLine('cooldown', '"embedded_run_agent_end"');
const COOLDOWN = capturedLine('cooldown', '"auth_profile_failure_state_updated"');
const inJson = (s: string): string => JSON.stringify(s).slice(1, -1);
const oneLine = (s: string): string => s.replace(/\r?\n/g, ' ');

/**
 * Secrets only the host knows, no shape gives them away: one per place that holds secrets,
 * under the names real hosts use there. Each is also quoted bare in the output and the log.
 */
function hostSecrets() {
  const v = () => randomBytes(18).toString('base64url');
  return {
    config: { telegramBotToken: v(), slackSigningSecret: v(), webhookSecret: v(), envVar: v() },
    gatewayEnv: { TELEGRAM_BOT_TOKEN: v(), AWS_SECRET_ACCESS_KEY: v(), OPENCLAW_GATEWAY_PASSWORD: v() },
    envFiles: {
      '.openclaw/.env': v(),
      '.config/openclaw/gateway.env': v(),
      '.openclaw/service-env/ai.openclaw.gateway.env': v(),
    },
  };
}

/** Every shape, and every host secret as a shape whose text is the bare value. */
function allShapes(host: ReturnType<typeof hostSecrets>): SecretShape[] {
  const values = [
    ...Object.values(host.config),
    ...Object.values(host.gatewayEnv),
    ...Object.values(host.envFiles),
  ];
  // Host secrets first: clipped evidence keeps the start of a line.
  return [
    ...values.map((v, i) => ({ name: `host secret ${i}`, text: `seen ${v}`, needles: [v] })),
    ...secretShapes(),
  ];
}

/** Plants the shapes in every file the fake OpenClaw and the stand-in gateway serve. */
function planter(shapes: readonly SecretShape[], host: ReturnType<typeof hostSecrets>) {
  const all = shapes.map((s) => s.text).join(' ; ');
  // Each log line starts with other shapes, so the lines quoted as evidence show different ones.
  const rotated = (n: number) =>
    [...shapes.slice(n % shapes.length), ...shapes.slice(0, n % shapes.length)]
      .map((s) => s.text)
      .join(' ; ');
  return (text: string, file: string): string => {
    if (file === 'gateway_log_file.jsonl')
      return text
        .split('\n')
        .map((l, i) =>
          /"error"|failed|HTTP 4/.test(l)
            ? l.replace('"message":"', `"message":"${inJson(rotated(i * 3))} `)
            : l,
        )
        .join('\n');
    if (file === 'env_gateway_process.out')
      return `${text}${Object.entries(host.gatewayEnv)
        .map(([k, v]) => `${k}=${v}\n`)
        .join('')}${shapes.map((s, i) => `FUZZ_NOTE_${i}=${oneLine(s.text)}\n`).join('')}`;
    if (file === 'openclaw.json.snapshot') {
      const config = JSON.parse(text) as Record<string, unknown>;
      config.channels = {
        telegram: { botToken: host.config.telegramBotToken },
        slack: { signingSecret: host.config.slackSigningSecret },
      };
      config.hooks = { webhookSecret: host.config.webhookSecret };
      config.env = { vars: { UPSTREAM_SETTING: host.config.envVar } };
      config.ui = { notes: shapes.map((s) => s.text) };
      return JSON.stringify(config, null, 2);
    }
    if (file.endsWith('.out') && text.trimStart().startsWith('{'))
      return text
        .replaceAll('"error": "', `"error": "${inJson(all)} `)
        .replaceAll('": "anthropic:', `": "${inJson(all)} anthropic:`);
    if (file.endsWith('.out') || file.endsWith('.err')) return `${text}\n${all}\n`;
    return text;
  };
}

describe('redaction fuzz: fresh secrets of every shape, planted everywhere the worker reads', () => {
  it('leave the host in no Diagnosis, report, Redis key, chat payload, alert or log', async () => {
    const host = hostSecrets();
    const shapes = allShapes(host);
    expect(shapes.length).toBeGreaterThanOrEqual(100);
    const scenario = await prepareScenario('invalid_key_401', {
      plant: planter(shapes, host),
      env: { CLAWOPS_LOG_LEVEL: 'debug' },
    });
    cleanups.push(() => scenario.stop());
    const home = scenario.env.HOME as string;
    for (const [path, value] of Object.entries(host.envFiles)) {
      mkdirSync(dirname(join(home, path)), { recursive: true });
      const notes = shapes.map((s, i) => `FUZZ_NOTE_${i}="${oneLine(s.text).replaceAll('"', "'")}"`);
      writeFileSync(join(home, path), `DISCORD_BOT_TOKEN=${value}\n${notes.join('\n')}\n`);
    }

    // The one-shot CLI.
    const json = await runClawops(['diagnose', '--json'], scenario.env);
    const report = await runClawops(['diagnose'], scenario.env);
    const diagnosis = JSON.parse(json.stdout) as { redactions: number; verdict: { label: string } };
    expect(diagnosis.verdict.label).toBe('invalid_key');

    // A queued run through Redis to both platforms, and a cooldown alert.
    const redis = await useRedis();
    cleanups.push(() => redis.stop());
    const prefix = testPrefix();
    cleanups.push(() => dropPrefix(redis.url, prefix));
    const slack = await startFakeSlack();
    cleanups.push(() => slack.stop());
    const discord = await startFakeDiscord();
    cleanups.push(() => discord.stop());
    const watched = join(scenario.dir, 'watched.log');
    writeFileSync(watched, '');
    const common = { REDIS_URL: redis.url, CLAWOPS_REDIS_PREFIX: prefix, CLAWOPS_LOG_LEVEL: 'debug' };
    const worker = await spawnWorker({
      ...scenario.env,
      ...common,
      CLAWOPS_HOST: 'gw-fuzz',
      CLAWOPS_GATEWAY_LOG: watched,
      CLAWOPS_STATE_POLL_MS: '0',
    });
    cleanups.push(() => worker.stop());
    const port = await freePort();
    const bot = await spawnBot(
      {
        PATH: process.env.PATH ?? '',
        ...common,
        ...slackBotEnv(slack, port),
        ...discordBotEnv(discord),
        CLAWOPS_ALERT_CHANNELS: `slack:${ALERTS},discord:${CHANNEL_ID}`,
      },
      ['Slack', 'Discord'],
    );
    cleanups.push(() => bot.stop());
    await vi.waitFor(() => expect(worker.stderr()).toMatch(/watching for alerts/), { timeout: 30_000 });

    const form = new URLSearchParams(slashBody(slack, 'diagnose gw-fuzz')).toString();
    expect((await postSigned(`http://127.0.0.1:${port}/slack/events`, form)).status).toBe(200);
    await slack.waitFor((c) => JSON.stringify(c.args).includes('gw-fuzz: invalid_key'), 30_000);
    await discord.slash('diagnose', { host: 'gw-fuzz' });
    await discord.waitFor((c) => JSON.stringify(c.body).includes('gw-fuzz: invalid_key'), 30_000);

    const planted = (line: string) =>
      line.replace('"error":"', `"error":"${inJson(shapes.map((s) => oneLine(s.text)).join(' ; '))} `);
    appendFileSync(watched, `${planted(lineAt(FAIL, Date.now()))}\n${lineAt(COOLDOWN, Date.now())}\n`);
    await slack.waitFor((c) => c.method === 'chat.postMessage' && c.args.channel === ALERTS, 30_000);
    await discord.waitFor(
      (c) => c.method === 'POST' && c.path === `/channels/${CHANNEL_ID}/messages`,
      30_000,
    );

    const dump = await redisDump(redis.url, prefix);
    const places = {
      'diagnose --json': json.stdout,
      'diagnose --json stderr': json.stderr,
      report: report.stdout,
      'report stderr': report.stderr,
      redis: dump.text,
      slack: JSON.stringify(slack.calls),
      discord: JSON.stringify(discord.calls),
      'worker log': worker.stderr(),
      'bot log': bot.stderr(),
    };
    // First what matters most: nothing planted came out whole.
    const leaks = Object.entries(places).flatMap(([where, text]) =>
      leaked(text, shapes).map((s) => `${where}: ${s}`),
    );
    expect(leaks).toEqual([]);
    // The planted text really reached each output, redacted: otherwise this would prove nothing.
    expect(diagnosis.redactions, `nothing redacted in:\n${json.stdout}`).toBeGreaterThan(0);
    for (const where of ['diagnose --json', 'report', 'redis', 'slack', 'discord'] as const)
      expect(places[where], where).toContain('[REDACTED');
    expect(dump.keys).toBeGreaterThan(5);
  });
});

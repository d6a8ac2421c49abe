import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FAKE_OPENCLAW, runClawops } from '../support/scenario.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('clawops config check', () => {
  it('lists every problem of a broken configuration at once, prints no secret, and starts nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'clawops-config-check-'));
    dirs.push(dir);
    const file = join(dir, 'clawops.json5');
    writeFileSync(
      file,
      '{ approvers: ["U0ALICE", "not an id"], hosts: { "gw-1": { alertChannels: ["irc:#ops"] } } }',
    );
    const env = {
      PATH: process.env.PATH ?? '',
      CLAWOPS_CONFIG: file,
      SLACK_BOT_TOKEN: 'xoxb-1234-secret-value',
      DISCORD_TOKEN: 'discord-secret-token-value',
      CLAWOPS_RESTART_METHOD: 'reboot',
      CLAWOPS_HEALTH_PORT: 'ninety',
    };
    const check = await runClawops(['config', 'check', '--role', 'bot'], env);
    expect(check.code).toBe(1);
    const problems = check.stdout.split('\n').filter((l) => l.startsWith('  • '));
    expect(problems.map((p) => p.slice(4).split(':')[0])).toEqual([
      file,
      file,
      'CLAWOPS_RESTART_METHOD',
      'CLAWOPS_HEALTH_PORT',
      'SLACK_SIGNING_SECRET',
      'DISCORD_APPLICATION_ID',
      'REDIS_URL',
    ]);
    expect(check.stdout).toMatch(/^clawops config: 7 problems for the bot:/);
    for (const out of [check.stdout, check.stderr]) {
      expect(out).not.toContain('secret-value');
      expect(out).not.toContain('discord-secret-token-value');
    }

    // The bot itself refuses with the same list, exit 2, before connecting anywhere.
    const bot = await runClawops(['bot'], env);
    expect(bot.code).toBe(2);
    expect(bot.stderr).toMatch(/invalid configuration \(7 problems\)/);
    expect(bot.stderr).toMatch(/CLAWOPS_RESTART_METHOD/);
  });

  it('says what a valid worker configuration enables', async () => {
    const ok = await runClawops(['config', 'check', '--role', 'worker'], {
      PATH: process.env.PATH ?? '',
      REDIS_URL: 'redis://:hunter2@127.0.0.1:6379',
      OPENCLAW_BIN: FAKE_OPENCLAW,
      CLAWOPS_HOST: 'gw-1',
    });
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/valid for the worker/);
    expect(ok.stdout).toMatch(/redis +redis:\/\/127\.0\.0\.1:6379/);
    expect(ok.stdout).not.toContain('hunter2');
    const usage = await runClawops(['config', 'validate'], { PATH: process.env.PATH ?? '' });
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/usage: clawops config check/);
  });
});

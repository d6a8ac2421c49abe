import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { prepareScenario, runClawops, type Scenario } from '../support/scenario.js';

let scenario: Scenario | undefined;
afterEach(async () => {
  await scenario?.stop();
  scenario = undefined;
});

/** A value no shape rule knows: only knowing it as a secret of the host removes it. */
const opaque = () => randomBytes(15).toString('base64url');

describe('secrets the host holds in its config, the gateway environment and env files', () => {
  it('are removed wherever they appear in what a diagnosis reads, whatever their shape', async () => {
    const v = Object.fromEntries(
      [
        'telegramBotToken',
        'slackSigningSecret',
        'webhookSecret',
        'envVar',
        'gatewayTelegram',
        'gatewayAws',
        'dotEnv',
        'gatewayEnvFile',
        'serviceEnv',
        'systemdUnit',
      ].map((k) => [k, opaque()]),
    );
    const bare = Object.values(v).join(' ');
    scenario = await prepareScenario('invalid_key_401', {
      plant: (text, file) => {
        if (file === 'openclaw.json.snapshot') {
          const config = JSON.parse(text) as Record<string, unknown>;
          config.channels = {
            telegram: { botToken: v.telegramBotToken },
            slack: { signingSecret: v.slackSigningSecret },
          };
          config.hooks = { webhookSecret: v.webhookSecret };
          config.env = { vars: { UPSTREAM_SETTING: v.envVar } };
          return JSON.stringify(config, null, 2);
        }
        if (file === 'env_gateway_process.out')
          return `${text}TELEGRAM_BOT_TOKEN=${v.gatewayTelegram}\nAWS_SECRET_ACCESS_KEY=${v.gatewayAws}\n`;
        if (file === 'gateway_log_file.jsonl')
          return text.replaceAll('"message":"', `"message":"seen ${bare} `);
        if (file.endsWith('.out') || file.endsWith('.err')) return `${text}\nseen ${bare}\n`;
        return text;
      },
      env: { CLAWOPS_LOG_LEVEL: 'debug' },
    });
    const home = scenario.env.HOME as string;
    const files: Record<string, string> = {
      '.openclaw/.env': `DISCORD_BOT_TOKEN=${v.dotEnv}\n`,
      '.config/openclaw/gateway.env': `export SLACK_APP_TOKEN="${v.gatewayEnvFile}"\n`,
      '.openclaw/service-env/ai.openclaw.gateway.env': `OPENAI_API_KEY=${v.serviceEnv}\n`,
      '.config/systemd/user/openclaw-gateway.service': `[Service]\nEnvironment="OPENCLAW_GATEWAY_PASSWORD=${v.systemdUnit}"\n`,
    };
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(home, path)), { recursive: true });
      writeFileSync(join(home, path), text);
    }

    const json = await runClawops(['diagnose', '--json'], scenario.env);
    const report = await runClawops(['diagnose'], scenario.env);
    expect(json.stdout).toContain('[REDACTED]');
    expect((JSON.parse(json.stdout) as { redactions: number }).redactions).toBeGreaterThanOrEqual(10);
    for (const out of [json.stdout, json.stderr, report.stdout, report.stderr])
      expect(Object.entries(v).filter(([, value]) => out.includes(value))).toEqual([]);
  });
});

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkConfig, configWarnings, loadConfig } from '../../src/config.js';
import { ENV_KEYS } from '../../src/config-schema.js';
import { ROOT } from '../support/scenario.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
function file(text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'clawops-config-'));
  dirs.push(dir);
  writeFileSync(join(dir, 'clawops.json5'), text);
  return join(dir, 'clawops.json5');
}

describe('configuration', () => {
  it('takes approvers, channels and hosts from the config file, and lets the environment win', () => {
    const path = file(`{
      approvers: ["U0ALICE", "U0BOB"],       // people
      allowedChannels: ["C0OPS"],
      alertChannels: ["slack:C0ALERTS"],
      hosts: { "gw-eu": { alertChannels: ["discord:1234567890"] } },
    }`);
    const c = loadConfig({
      CLAWOPS_CONFIG: path,
      CLAWOPS_APPROVERS: 'U0CAROL',
      SLACK_BOT_TOKEN: 'xoxb-1',
      SLACK_APP_TOKEN: 'xapp-1',
      DISCORD_TOKEN: 't',
      DISCORD_APPLICATION_ID: '123456',
    });
    expect(c.approval.approvers).toEqual(['U0CAROL']);
    expect(c.access.channels).toEqual(['C0OPS']);
    expect(c.alerts.routes('gw-1')).toEqual([{ platform: 'slack', channel: 'C0ALERTS' }]);
    expect(c.alerts.routes('gw-eu')).toEqual([{ platform: 'discord', channel: '1234567890' }]);
  });

  it('reports every problem of a broken configuration at once, each with its place', () => {
    const path = file(
      '{ approvers: ["ok", "not ok"], hosts: { "gw-1": { alertChannels: ["teams:x"] } }, colour: 1 }',
    );
    const { config, problems } = checkConfig(
      {
        CLAWOPS_CONFIG: path,
        SLACK_BOT_TOKEN: 'not-a-bot-token',
        DISCORD_TOKEN: 'secret-discord-token',
        CLAWOPS_RESTARTS_PER_HOUR: 'many',
        CLAWOPS_ALERT_CHANNELS: 'slack:C1',
        CLAWOPS_HEALTH_PORT: '70000',
      },
      'bot',
    );
    expect(config).toBeNull();
    const starts = problems.map((p) => p.split(':')[0]);
    expect(starts).toEqual([
      path,
      path,
      path,
      'SLACK_BOT_TOKEN',
      'CLAWOPS_RESTARTS_PER_HOUR',
      'CLAWOPS_HEALTH_PORT',
      'DISCORD_APPLICATION_ID',
      'REDIS_URL',
    ]);
    expect(problems.join('\n')).not.toContain('secret-discord-token');
  });

  it('takes the alert kinds chosen, all by default, and names a kind that does not exist', () => {
    expect([...loadConfig({}, 'any').alerts.kinds]).toEqual([
      'cooldown',
      'gateway-down',
      'route-broken',
      'credential-expiring',
      'worker-silent',
    ]);
    expect([
      ...loadConfig({ CLAWOPS_ALERT_KINDS: ' gateway-down, worker-silent' }, 'any').alerts.kinds,
    ]).toEqual(['gateway-down', 'worker-silent']);
    const { problems } = checkConfig(
      { CLAWOPS_ALERT_KINDS: 'cooldown,pager', CLAWOPS_SILENT_ALERT_MS: '5000' },
      'any',
    );
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/^CLAWOPS_ALERT_KINDS: "pager" is not an alert kind/);
    expect(problems[1]).toMatch(/^CLAWOPS_SILENT_ALERT_MS/);
  });

  it('knows what each role needs besides the schema', () => {
    const worker = checkConfig({ OPENCLAW_BIN: '/nonexistent/openclaw' }, 'worker');
    expect(worker.problems.map((p) => p.split(':')[0])).toEqual(['REDIS_URL']);
    const missing = configWarnings(worker.config ?? expect.fail('schema failed'), 'worker', {});
    expect(missing).toEqual([expect.stringMatching(/^OPENCLAW_BIN: .* openclaw_missing/)]);
    const bot = checkConfig(
      { REDIS_URL: 'redis://127.0.0.1:6379', CLAWOPS_ALERT_CHANNELS: 'discord:42' },
      'bot',
    ).problems;
    expect(bot.map((p) => p.split(':')[0])).toEqual([
      'CLAWOPS_ALERT_CHANNELS',
      'SLACK_BOT_TOKEN / DISCORD_TOKEN',
    ]);
    expect(checkConfig({}, 'dev').problems).toEqual([]);
  });

  it("keeps the README's configuration table in step with the schema (.env.example: deploy.test.ts)", () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const section = readme.slice(
      readme.indexOf('## Configuration'),
      readme.indexOf('\n## ', readme.indexOf('## Configuration') + 5),
    );
    const documented = [...section.matchAll(/^\| `([A-Z][A-Z0-9_]+)`/gm)].map((m) => m[1]);
    expect([...documented].sort()).toEqual([...ENV_KEYS].sort());
  });
});

import { describe, expect, it } from 'vitest';
import { renderDiscord } from '../../../adapters/discord/render.js';
import { renderSlack } from '../../../adapters/slack/render.js';
import type { Approval } from '../../../src/core/approval.js';
import { approvalMessage, plannedArgv, shellLine } from '../../../src/core/fix-messages.js';
import type { RunnableFix } from '../../../src/core/job.js';
import { type FixSetup, fixCommands } from '../../../src/worker/fix-catalogue.js';

const BIN = '/usr/local/bin/openclaw';
const base = { bin: BIN, serviceLoaded: false, clearCooldown: false } as const;

/** One host per restart method, and the fix its approval request is for. */
const METHODS: readonly { name: string; fix: RunnableFix; setup: FixSetup; runs: string }[] = [
  {
    name: 'openclaw',
    fix: 'restart-gateway',
    setup: { ...base, restart: { kind: 'openclaw' } },
    runs: `${BIN} gateway restart --json`,
  },
  {
    name: 'systemd',
    fix: 'start-gateway',
    setup: { ...base, restart: { kind: 'systemd', unit: 'openclaw-gateway.service' } },
    runs: 'systemctl --user restart openclaw-gateway.service',
  },
  {
    name: 'compose',
    fix: 'start-gateway',
    setup: {
      ...base,
      restart: { kind: 'compose', service: 'openclaw-gateway', file: '/srv/oc/compose.yml' },
    },
    runs: 'docker compose -f /srv/oc/compose.yml restart openclaw-gateway',
  },
  {
    name: 'start-command',
    fix: 'start-gateway',
    setup: { ...base, restart: { kind: 'openclaw' }, startCommand: ['/usr/local/bin/start-openclaw', 'gw'] },
    runs: '/usr/local/bin/start-openclaw gw',
  },
];

const approval = (fix: RunnableFix): Approval => ({
  fix,
  host: 'gw-1',
  requestedBy: 'U0ALICE',
  requestedByName: 'alice',
  verdict: fix === 'restart-gateway' ? 'invalid_key' : 'gateway_down',
  createdAt: 0,
});

describe('the approval request shows the exact command the worker will run', () => {
  it.each(METHODS)('$name: matches its golden files', async ({ name, fix, setup, runs }) => {
    const argv = plannedArgv(fix, fixCommands(setup));
    expect(argv && shellLine(argv)).toBe(runs);
    const m = approvalMessage(
      approval(fix),
      { approve: 'id-approve', deny: 'id-deny' },
      15 * 60_000,
      false,
      argv,
    );
    expect(m.text).toContain(`It runs \`${runs}\``);
    await expect(`${JSON.stringify(renderSlack(m), null, 2)}\n`).toMatchFileSnapshot(
      `../../golden/approval-${name}.slack.json`,
    );
    await expect(`${JSON.stringify(renderDiscord(m), null, 2)}\n`).toMatchFileSnapshot(
      `../../golden/approval-${name}.discord.json`,
    );
  });

  it('says no exact command where the worker did not tell one, and quotes words a shell would split', () => {
    expect(plannedArgv('start-gateway', undefined)).toBeNull();
    expect(plannedArgv('clear-cooldown', fixCommands(METHODS[0]?.setup as FixSetup))).toBeNull();
    expect(plannedArgv('start-gateway', fixCommands(METHODS[0]?.setup as FixSetup))).toBeNull();
    const m = approvalMessage(approval('start-gateway'), { approve: 'a', deny: 'd' }, 60_000, true);
    expect(JSON.stringify(m.blocks)).toContain('runs its form of');
    expect(shellLine(['/opt/my tools/start', "it's", '--x=1'])).toBe(
      `'/opt/my tools/start' 'it'\\''s' --x=1`,
    );
  });
});

import { describe, expect, it } from 'vitest';
import { renderDiscord } from '../../../adapters/discord/render.js';
import { renderSlack } from '../../../adapters/slack/render.js';
import type { Approval } from '../../../src/core/approval.js';
import {
  approvalMessage,
  fixResultMessage,
  OUTCOME,
  plannedArgv,
  shellLine,
} from '../../../src/core/fix-messages.js';
import type { FixResult, RunnableFix } from '../../../src/core/job.js';
import { type FixSetup, fixCommands } from '../../../src/worker/fix-catalogue.js';
import { diagnosisFor } from '../../support/diagnoses.js';

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

/** The thread message of a fix for each way it can end that a person sees most: worked, did not, was refused. */
const RESULTS: readonly { name: string; fix: RunnableFix; result: FixResult }[] = [
  {
    name: 'fixed',
    fix: 'start-gateway',
    result: {
      outcome: 'fixed',
      reason: 'It worked: gateway_down → healthy.',
      argv: ['systemctl', '--user', 'restart', 'openclaw-gateway.service'],
      exitCode: 0,
      before: diagnosisFor('gateway_down'),
      after: diagnosisFor('healthy'),
    },
  },
  {
    name: 'not-fixed',
    fix: 'restart-gateway',
    result: {
      outcome: 'not-fixed',
      reason: `It ran, but the verdict is still invalid_key: ${diagnosisFor('invalid_key').verdict.summary}`,
      argv: [BIN, 'gateway', 'restart', '--json'],
      exitCode: 0,
      before: diagnosisFor('invalid_key'),
      after: diagnosisFor('invalid_key'),
    },
  },
  {
    name: 'refused',
    fix: 'restart-gateway',
    result: {
      outcome: 'refused',
      reason: 'Not run: the verdict is now healthy, which no longer calls for "restart the gateway".',
      argv: null,
      exitCode: null,
      before: diagnosisFor('healthy'),
      after: null,
    },
  },
];

describe('the fix result says plainly whether the fix worked, before and after', () => {
  it.each(RESULTS)('$name: matches its golden files', async ({ name, fix, result }) => {
    const m = fixResultMessage(approval(fix), 'bob', result);
    expect(m.text).toContain(result.reason);
    const fields = JSON.stringify(m.blocks.find((b) => b.type === 'fields'));
    expect(fields).toContain(result.before.verdict.label);
    expect(fields).toContain(result.after ? result.after.verdict.label : 'not run');
    expect(m.blocks.some((b) => b.type === 'code')).toBe(result.argv !== null);
    await expect(`${JSON.stringify(renderSlack(m), null, 2)}\n`).toMatchFileSnapshot(
      `../../golden/fix-result-${name}.slack.json`,
    );
    await expect(`${JSON.stringify(renderDiscord(m), null, 2)}\n`).toMatchFileSnapshot(
      `../../golden/fix-result-${name}.discord.json`,
    );
  });
});

describe('the result of a fix says plainly what came of it', () => {
  it('says "ran, not confirmed yet" when nothing after the fix shows whether it worked', () => {
    const before = diagnosisFor('invalid_key');
    const r: FixResult = {
      outcome: 'unconfirmed',
      reason: 'It ran, but no model call has run since it ended at 14:02:10 UTC.',
      argv: [BIN, 'gateway', 'restart', '--json'],
      exitCode: 0,
      before,
      after: before,
    };
    const m = fixResultMessage(approval('restart-gateway'), 'bob', r);
    expect(m.text).toMatch(
      /^❔ ran, not confirmed yet: Restart the gateway on gw-1\. It ran, but no model call/,
    );
    expect(OUTCOME.unconfirmed).toBe('ran, not confirmed yet');
    expect(JSON.stringify(renderSlack(m))).toMatch(/\*After\*\\ninvalid_key \(anthropic-account\)/);
  });
});

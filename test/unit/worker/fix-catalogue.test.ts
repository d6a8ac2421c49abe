import { describe, expect, it } from 'vitest';
import type { Cooldown, Label } from '../../../src/engine/diagnosis.js';
import {
  type FixSetup,
  fixArgv,
  fixCommands,
  offeredFixes,
  type RestartMethod,
} from '../../../src/worker/fix-catalogue.js';
import { diagnosisFor } from '../../support/diagnoses.js';

const BIN = '/usr/local/bin/openclaw';
const setup = (restart: RestartMethod, over: Partial<FixSetup> = {}): FixSetup => ({
  bin: BIN,
  restart,
  serviceLoaded: false,
  clearCooldown: false,
  ...over,
});

const HOSTS: readonly { host: string; setup: FixSetup; start: readonly string[] | null }[] = [
  { host: 'an unmanaged gateway', setup: setup({ kind: 'openclaw' }), start: null },
  {
    host: 'a gateway under a loaded systemd or launchd service, restarted by OpenClaw',
    setup: setup({ kind: 'openclaw' }, { serviceLoaded: true }),
    start: [BIN, 'gateway', 'restart', '--json'],
  },
  {
    host: 'a systemd unit',
    setup: setup({ kind: 'systemd', unit: 'openclaw-gateway.service' }),
    start: ['systemctl', '--user', 'restart', 'openclaw-gateway.service'],
  },
  {
    host: 'a Compose service',
    setup: setup({ kind: 'compose', service: 'openclaw-gateway', file: '/srv/oc/compose.yml' }),
    start: ['docker', 'compose', '-f', '/srv/oc/compose.yml', 'restart', 'openclaw-gateway'],
  },
  {
    host: 'an unmanaged gateway with CLAWOPS_START_COMMAND',
    setup: setup({ kind: 'openclaw' }, { startCommand: ['/usr/local/bin/start-openclaw', '--detach'] }),
    start: ['/usr/local/bin/start-openclaw', '--detach'],
  },
];

const cooldownSetup: FixSetup = { ...setup({ kind: 'openclaw' }), bin: 'openclaw', clearCooldown: true };

const buttons = (label: Label, s: FixSetup) => offeredFixes(diagnosisFor(label), s).findings[0]?.fixes;

describe('a Start or Restart button is offered only when the host can run it', () => {
  it.each(HOSTS)('$host', ({ setup: s, start }) => {
    const down = diagnosisFor('gateway_down');
    expect(buttons('gateway_down', s)).toEqual(start ? ['start-gateway'] : ['start-gateway-by-hand']);
    expect(fixArgv('start-gateway', s, down)).toEqual(start);
    expect(fixCommands(s).start?.argv ?? null).toEqual(start);
    // A running gateway restarts on every host: through its service manager, or OpenClaw's signal.
    expect(buttons('invalid_key', s)).toEqual(['rotate-key', 'restart-gateway']);
    expect(fixArgv('restart-gateway', s, diagnosisFor('invalid_key'))).toEqual(fixCommands(s).restart.argv);
  });

  it('restarts an unmanaged gateway with `openclaw gateway restart --json`, a unit or a service with its manager', () => {
    expect(HOSTS.map((h) => fixCommands(h.setup).restart)).toEqual([
      { method: 'openclaw', argv: [BIN, 'gateway', 'restart', '--json'] },
      { method: 'openclaw', argv: [BIN, 'gateway', 'restart', '--json'] },
      { method: 'systemd', argv: ['systemctl', '--user', 'restart', 'openclaw-gateway.service'] },
      {
        method: 'compose',
        argv: ['docker', 'compose', '-f', '/srv/oc/compose.yml', 'restart', 'openclaw-gateway'],
      },
      { method: 'openclaw', argv: [BIN, 'gateway', 'restart', '--json'] },
    ]);
  });

  it('offers clear-cooldown only where OpenClaw has the command', () => {
    const plain = setup({ kind: 'systemd', unit: 'u.service' });
    const d = diagnosisFor('cooldown');
    expect(d.findings[0]?.fixes).toEqual(['clear-cooldown']);
    expect(offeredFixes(d, plain).findings[0]?.fixes).toEqual([]);
    expect(offeredFixes(d, { ...plain, clearCooldown: true })).toBe(d);
    expect(fixArgv('doctor-fix', plain, d)).toEqual([BIN, 'doctor', '--fix', '--non-interactive']);
  });

  it('shows no secret a start command carries, where it leaves the host', () => {
    const s = setup(
      { kind: 'openclaw' },
      { startCommand: ['/opt/start-gw', '--api-key=sk-ant-api03-FAKEabcdefghijklmnop0123456789'] },
    );
    expect(JSON.stringify(fixCommands(s))).not.toContain('abcdefghijklmnop0123456789');
    expect(fixArgv('start-gateway', s, diagnosisFor('gateway_down'))?.[1]).toContain(
      'abcdefghijklmnop0123456789',
    );
  });
});

const cooldown = (profileId: string): Cooldown => ({
  profileId,
  provider: 'anthropic',
  kind: 'cooldown',
  reason: 'rate_limit',
  until: null,
  remainingMs: null,
});

describe('the clear-cooldown fix', () => {
  it('clears the profile OpenClaw named', () => {
    const d = diagnosisFor('cooldown', { cooldowns: [cooldown('anthropic:default')] });
    expect(fixArgv('clear-cooldown', cooldownSetup, d)).toEqual([
      'openclaw',
      'models',
      'auth',
      'clear-cooldown',
      'anthropic:default',
    ]);
  });

  it('never passes the description of a profile the log only hashed', () => {
    const hashed = diagnosisFor('cooldown', {
      cooldowns: [cooldown('anthropic (profile id hashed in the log)')],
    });
    expect(fixArgv('clear-cooldown', cooldownSetup, hashed)).toBeNull();
    const both = diagnosisFor('cooldown', {
      cooldowns: [cooldown('anthropic (profile id hashed in the log)'), cooldown('anthropic:backup')],
    });
    expect(fixArgv('clear-cooldown', cooldownSetup, both)?.at(-1)).toBe('anthropic:backup');
  });
});

import type { FixCommands, RunnableFix } from '../core/job.js';
import type { Diagnosis } from '../engine/diagnosis.js';
import { createRedactor } from '../engine/redact.js';

/** How this worker restarts its gateway (`CLAWOPS_RESTART_METHOD`). */
export type RestartMethod =
  | { readonly kind: 'openclaw' }
  | { readonly kind: 'systemd'; readonly unit: string }
  | { readonly kind: 'compose'; readonly service: string; readonly file?: string | undefined };

export type FixSetup = {
  readonly bin: string;
  readonly restart: RestartMethod;
  /** `CLAWOPS_START_COMMAND` split into its argv: what starts a stopped gateway here. */
  readonly startCommand?: readonly string[] | undefined;
  /**
   * The gateway runs under a loaded systemd or launchd service (`gateway status --json`), so
   * `openclaw gateway restart` starts it when it is stopped. Without one it only signals a
   * gateway that is still running.
   */
  readonly serviceLoaded: boolean;
  /** The installed OpenClaw has `models auth clear-cooldown` (read from its help). */
  readonly clearCooldown: boolean;
};

/** An OpenClaw auth profile id: `<provider>:<name>` (`anthropic:default`). */
const PROFILE_ID = /^[\w.-]+:[\w.@+-]+$/;

/** The argv that restarts the gateway: through its service manager, or OpenClaw's own restart. */
export function restartArgv(setup: FixSetup): readonly string[] {
  const r = setup.restart;
  if (r.kind === 'systemd') return ['systemctl', '--user', 'restart', r.unit];
  if (r.kind === 'compose')
    return ['docker', 'compose', ...(r.file ? ['-f', r.file] : []), 'restart', r.service];
  return [setup.bin, 'gateway', 'restart', '--json'];
}

/**
 * How this worker starts a stopped gateway, or `null` when it cannot: `openclaw gateway restart`
 * on a gateway that no service manager runs only signals a running process, and there is none.
 */
export function startFix(setup: FixSetup): FixCommands['start'] {
  if (setup.startCommand?.length) return { method: 'command', argv: [...setup.startCommand] };
  if (setup.restart.kind !== 'openclaw' || setup.serviceLoaded)
    return { method: setup.restart.kind, argv: [...restartArgv(setup)] };
  return null;
}

/** An argv as it may leave the host (Redis, chat): a start command may carry a token. */
export function shownArgv(argv: readonly string[]): string[] {
  const redactor = createRedactor();
  return argv.map((a) => redactor.redact(a));
}

/** What the heartbeat says about this worker's fixes: the bot shows these argv in approval requests. */
export function fixCommands(setup: FixSetup): FixCommands {
  const start = startFix(setup);
  return {
    restart: { method: setup.restart.kind, argv: shownArgv(restartArgv(setup)) },
    start: start && { method: start.method, argv: shownArgv(start.argv) },
    doctorFix: shownArgv(doctorArgv(setup)),
  };
}

const doctorArgv = (setup: FixSetup): readonly string[] => [
  setup.bin,
  'doctor',
  '--fix',
  '--non-interactive',
];

/**
 * The argv each runnable fix executes on this host, or `null` when this host cannot run it (no
 * way to start a stopped gateway, no clear-cooldown command, no cooled-down profile to clear). A
 * fixed list: chat names a fix id, never a command.
 */
export function fixArgv(fix: RunnableFix, setup: FixSetup, d: Diagnosis): readonly string[] | null {
  switch (fix) {
    case 'restart-gateway':
      return restartArgv(setup);
    case 'start-gateway':
      return startFix(setup)?.argv ?? null;
    case 'doctor-fix':
      return doctorArgv(setup);
    case 'clear-cooldown': {
      // Only an id OpenClaw named (`models status`), never a description of one the log hashed.
      const profile = d.cooldowns.map((c) => c.profileId).find((id) => PROFILE_ID.test(id));
      return setup.clearCooldown && profile ? [setup.bin, 'models', 'auth', 'clear-cooldown', profile] : null;
    }
  }
}

/**
 * A diagnosis with only the fixes this host can run as buttons: a Start it cannot run becomes
 * the command a person runs, and a clear-cooldown its OpenClaw lacks goes.
 */
export function offeredFixes(d: Diagnosis, setup: FixSetup): Diagnosis {
  const canStart = startFix(setup) !== null;
  if (setup.clearCooldown && canStart) return d;
  const offered = (fixes: readonly string[]) =>
    fixes
      .filter((x) => setup.clearCooldown || x !== 'clear-cooldown')
      .map((x) => (x === 'start-gateway' && !canStart ? 'start-gateway-by-hand' : x));
  return { ...d, findings: d.findings.map((f) => ({ ...f, fixes: offered(f.fixes) })) };
}

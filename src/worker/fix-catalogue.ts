import type { RunnableFix } from '../core/job.js';
import type { Diagnosis } from '../engine/diagnosis.js';

/** How this worker restarts its gateway (`CLAWOPS_RESTART_METHOD`). */
export type RestartMethod =
  | { readonly kind: 'openclaw' }
  | { readonly kind: 'systemd'; readonly unit: string }
  | { readonly kind: 'compose'; readonly service: string; readonly file?: string | undefined };

export type FixSetup = {
  readonly bin: string;
  readonly restart: RestartMethod;
  /** The installed OpenClaw has `models auth clear-cooldown` (read from its help). */
  readonly clearCooldown: boolean;
};

/** An OpenClaw auth profile id: `<provider>:<name>` (`anthropic:default`). */
const PROFILE_ID = /^[\w.-]+:[\w.@+-]+$/;

/**
 * The argv each runnable fix executes on this host, or `null` when this host cannot run it (no
 * clear-cooldown command, no cooled-down profile to clear). A fixed list: chat names a fix id,
 * never a command.
 */
export function fixArgv(fix: RunnableFix, setup: FixSetup, d: Diagnosis): readonly string[] | null {
  switch (fix) {
    case 'restart-gateway':
    case 'start-gateway':
      if (setup.restart.kind === 'systemd') return ['systemctl', '--user', 'restart', setup.restart.unit];
      if (setup.restart.kind === 'compose')
        return [
          'docker',
          'compose',
          ...(setup.restart.file ? ['-f', setup.restart.file] : []),
          'restart',
          setup.restart.service,
        ];
      return [setup.bin, 'gateway', 'restart', '--json'];
    case 'doctor-fix':
      return [setup.bin, 'doctor', '--fix', '--non-interactive'];
    case 'clear-cooldown': {
      // Only an id OpenClaw named (`models status`), never a description of one the log hashed.
      const profile = d.cooldowns.map((c) => c.profileId).find((id) => PROFILE_ID.test(id));
      return setup.clearCooldown && profile ? [setup.bin, 'models', 'auth', 'clear-cooldown', profile] : null;
    }
  }
}

/** A diagnosis without the fixes this host cannot run, so no button offers them. */
export function offeredFixes(d: Diagnosis, setup: FixSetup): Diagnosis {
  if (setup.clearCooldown) return d;
  return {
    ...d,
    findings: d.findings.map((f) => ({ ...f, fixes: f.fixes.filter((x) => x !== 'clear-cooldown') })),
  };
}

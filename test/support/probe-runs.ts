import type { ProbeRun } from '../../src/engine/observations.js';

/** A probe that exited 0 with `stdout`, as `openclaw <name words> --json` prints it. */
export const probe = (name: ProbeRun['name'], stdout: string): ProbeRun => ({
  name,
  argv: ['openclaw', ...name.split('-'), '--json'],
  format: 'json',
  exitCode: 0,
  stdout,
  stderr: '',
  durationMs: 100,
  timedOut: false,
});

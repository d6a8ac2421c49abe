import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const CAPTURES = fileURLToPath(new URL('../fixtures/captures/2026.9.6/', import.meta.url));

/** The gateway log lines OpenClaw wrote in a captured scenario, as written. */
export function capturedLogLines(scenario: string): string[] {
  return readFileSync(join(CAPTURES, scenario, 'gateway_log_file.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean);
}

/** The first captured line of `scenario` that contains `marker`. */
export function capturedLine(scenario: string, marker: string): string {
  const line = capturedLogLines(scenario).find((l) => l.includes(marker));
  if (!line) throw new Error(`no line with ${marker} in ${scenario}`);
  return line;
}

const TIME_KEYS = /^(?:cooldownUntil|disabledUntil|previousCooldownUntil|previousDisabledUntil)$/;

/**
 * A captured line moved in time so that it reads as written at `at`: its timestamps and the
 * windows it opens keep their distance to the line's own time. Nothing else changes.
 */
export function lineAt(line: string, at: number): string {
  const obj = JSON.parse(line) as Record<string, unknown>;
  const written = Date.parse(String(obj.time));
  const shift = at - written;
  const move = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(move);
    if (typeof v !== 'object' || v === null) return v;
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) {
      if (TIME_KEYS.test(k) && typeof x === 'number') out[k] = x + shift;
      else if ((k === 'time' || k === 'date') && typeof x === 'string')
        out[k] = new Date(Date.parse(x) + shift).toISOString();
      else out[k] = move(x);
    }
    return out;
  };
  return JSON.stringify(move(obj));
}

/** The real 401 of a revoked key, at `t`. */
export const REFUSED = (t: number): string =>
  lineAt(capturedLine('invalid_key_401', '"event":"embedded_run_agent_end"'), t);
/** The real line of a turn that got its answer, at `t`. */
export const ANSWERED = (t: number): string =>
  lineAt(capturedLine('healthy', 'ended with stopReason=stop'), t);

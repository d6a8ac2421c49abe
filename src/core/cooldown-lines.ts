import type { Cooldown } from '../engine/diagnosis.js';
import type { ProfileWindow } from '../engine/episodes.js';
import { clock } from './alert-parts.js';
import { duration } from './text.js';

/**
 * Every way a held-back profile is written, for the terminal and chat alike: one line in prose,
 * one table, and a watched profile's window. Each says the profile, its kind, the reason and
 * the time left in the same words.
 */

/** What OpenClaw says is left, rounded up: `3 min`; `null` when it did not say. */
export const minutesLeft = (c: Cooldown): string | null =>
  c.remainingMs === null ? null : `${Math.ceil(c.remainingMs / 60_000)} min`;

/** `anthropic:default cooldown (rate_limit) until 2026-11-24T20:58:04.515Z, 3 min left`. */
export function cooldownLine(c: Cooldown): string {
  const left = minutesLeft(c);
  return `${c.profileId} ${c.kind} (${c.reason ?? 'no reason'})${c.until ? ` until ${c.until}` : ''}${left ? `, ${left} left` : ''}`;
}

/** The cooldowns as an aligned table under a header row, `-` where OpenClaw said nothing. */
export function cooldownTable(cooldowns: readonly Cooldown[]): string {
  const rows = cooldowns.map((c) => [
    c.profileId,
    c.kind,
    c.reason ?? '-',
    c.until ?? '-',
    minutesLeft(c) ?? '-',
  ]);
  const all = [['profile', 'kind', 'reason', 'until', 'left'], ...rows];
  const widths = all[0]?.map((_, i) => Math.max(...all.map((r) => (r[i] ?? '').length))) ?? [];
  return all
    .map((r) =>
      r
        .map((cell, i) => cell.padEnd(widths[i] ?? 0))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

/** One watched profile's window: `anthropic:default — cooldown (rate_limit) until 21:44 UTC, 3 min left`. */
export function windowLine(w: ProfileWindow, now: number): string {
  const what = `${w.kind}${w.reason ? ` (${w.reason})` : ''}`;
  const until =
    w.until === null ? ', end unknown' : ` until ${clock(w.until, now)}, ${duration(w.until - now)} left`;
  return `${w.profileId} — ${what}${until}`;
}

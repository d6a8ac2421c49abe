import type { Episode } from '../engine/episodes.js';
import { LABEL_INFO } from '../engine/labels.js';
import { alertButtons, clock, flapsNote, where } from './alert-parts.js';
import { windowLine } from './cooldown-lines.js';
import { episodeMessage } from './episode-messages.js';
import type { Message } from './message.js';
import { duration } from './text.js';

/** The alert of one episode of any kind, with its buttons; times are as of `now`. */
export function alertMessage(e: Episode, now: number, ids: Readonly<Record<string, string>>): Message {
  return e.kind === 'cooldown' ? cooldownAlert(e, now, ids) : episodeMessage(e, now, ids);
}

/**
 * Whether a fallback carries the traffic meanwhile, for the alert's first line: `null` while the
 * watcher has not read the chain yet.
 */
function fallbackLine(e: Episode): { serving: boolean; text: string } | null {
  if (e.fallback === undefined) return null;
  if (e.fallback === null) return { serving: false, text: 'no fallback configured: nothing takes over' };
  return e.fallback.usable
    ? { serving: true, text: `${e.fallback.route} is serving` }
    : {
        serving: false,
        text: `no usable fallback: every route would fail (${e.fallback.route} too)`,
      };
}

/**
 * The alert of one cooldown episode: what cooled down where, the first failure behind it, each
 * profile with its remaining time, and a Diagnose button. Remaining times are as of `now`.
 */
function cooldownAlert(e: Episode, now: number, ids: Readonly<Record<string, string>>): Message {
  const cause = e.cause
    ? `*Cause:* ${e.cause.label} — ${LABEL_INFO[e.cause.label].title}\n> ${e.cause.text.replace(/\n/g, ' ')}`
    : '*Cause:* not seen in the log; `/claw diagnose` looks further.';
  const flaps = flapsNote(e);
  const button = alertButtons(e, ids);
  if (e.status === 'resolved') {
    const ended = e.resolvedAt ?? e.updatedAt;
    const text = `✅ ${e.provider} on ${where(e)} recovered: cooldown ended at ${clock(ended, now)} after ${duration(ended - e.startedAt)}.${flaps ? ` ${flaps}` : ''}`;
    return {
      text,
      blocks: [
        { type: 'header', text: `✅ Resolved: ${e.provider} cooldown on ${where(e)}` },
        { type: 'markdown', text: `${text}\n${cause}` },
        ...button,
      ],
      tone: 'ok',
    };
  }
  const lines = e.windows.map((w) => windowLine(w, now));
  const soonest = e.windows.map((w) => w.until).filter((u): u is number => u !== null);
  const remaining = soonest.length ? `, ${duration(Math.max(...soonest) - now)} left` : '';
  const fallback = fallbackLine(e);
  const mark = fallback && !fallback.serving ? '🚨' : '🧊';
  const text =
    `${mark} ${e.provider} is in cooldown on ${where(e)} since ${clock(e.startedAt, now)}${remaining}${fallback ? `; ${fallback.text}` : ''}. ${e.cause ? `Cause: ${e.cause.label}.` : ''}`.trim();
  const headline = fallback
    ? fallback.serving
      ? ` — ${e.fallback?.route} serving`
      : ' — no usable fallback'
    : '';
  return {
    text,
    blocks: [
      { type: 'header', text: `${mark} ${e.provider} cooldown on ${where(e)}${headline}` },
      ...(fallback ? [{ type: 'markdown' as const, text: `*Traffic:* ${fallback.text}` }] : []),
      { type: 'markdown', text: `${cause}${flaps ? `\n${flaps}` : ''}` },
      {
        type: 'fields',
        fields: [
          { label: 'Since', value: clock(e.startedAt, now) },
          { label: 'Remaining', value: remaining ? remaining.slice(2) : 'unknown' },
        ],
      },
      { type: 'code', text: lines.length ? lines.join('\n') : 'no profile named yet' },
      ...button,
    ],
    tone: mark === '🚨' ? 'problem' : 'warn',
  };
}

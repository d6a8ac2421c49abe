import type { Episode } from '../engine/episodes.js';
import { LABEL_INFO } from '../engine/labels.js';
import { clock, where } from './alert-parts.js';
import type { Message } from './message.js';
import { duration } from './text.js';

/** More open episodes than this are counted, not listed, so the list fits one Slack section. */
const MAX_LISTED = 25;

const MARKS: Readonly<Record<Episode['kind'], string>> = {
  cooldown: '🧊',
  'gateway-down': '🔴',
  'route-broken': '⛔',
  'credential-expiring': '⏳',
  'worker-silent': '📵',
};

/** One open episode in a line: `🔴 gw-1 gateway-down since 03:00 UTC (5 min): port 18789 refused`. */
export function episodeLine(e: Episode, now: number): string {
  const what =
    e.kind === 'cooldown'
      ? `${e.provider}${e.cause ? `, cause ${e.cause.label}` : ''}`
      : e.kind === 'route-broken'
        ? `${e.subject} (${LABEL_INFO[e.cause?.label ?? 'unknown'].title}), owner ${LABEL_INFO[e.cause?.label ?? 'unknown'].owner ?? 'nobody'}`
        : e.kind === 'credential-expiring'
          ? `${e.subject} ${e.expiresAt !== null && e.expiresAt > now ? `expires at ${clock(e.expiresAt, now)}` : 'expired'}`
          : e.kind === 'gateway-down'
            ? e.detail
            : 'no heartbeat';
  return `${MARKS[e.kind]} ${where(e)} ${e.kind} since ${clock(e.startedAt, now)} (${duration(now - e.startedAt)}): ${what}`;
}

/** `/claw alerts [host]`: the episodes going on, of every kind, oldest first. */
export function openAlertsMessage(episodes: readonly Episode[], now: number, host: string | null): Message {
  const open = episodes.filter((e) => e.status === 'active').sort((a, b) => a.startedAt - b.startedAt);
  const on = host ? ` on ${host}` : '';
  if (open.length === 0) {
    const text = `✅ No alert open${on}.`;
    return { text, blocks: [{ type: 'markdown', text }], tone: 'ok' };
  }
  const lines = open.slice(0, MAX_LISTED).map((e) => episodeLine(e, now));
  if (open.length > MAX_LISTED) lines.push(`…and ${open.length - MAX_LISTED} more.`);
  const header = `🚨 ${open.length} alert${open.length === 1 ? '' : 's'} open${on}`;
  return {
    text: `${header}: ${open.map((e) => `${e.host} ${e.kind}`).join(', ')}`.slice(0, 3_000),
    blocks: [
      { type: 'header', text: header },
      { type: 'markdown', text: lines.join('\n') },
    ],
    tone: 'problem',
  };
}

import { LABEL_INFO } from '../engine/labels.js';
import { windowLine } from './cooldown-lines.js';
import type { Block, Message } from './message.js';
import { ago, duration } from './text.js';
import type { WatchReport } from './watch-report.js';

/**
 * `/claw cooldown` from a worker's watcher: the episodes going on (and those ended within the
 * quiet window), and each profile's state as last read, with remaining times as of `now`.
 */
export function cooldownReportMessage(r: WatchReport, now: number): Message {
  // The report holds every kind the watcher tracks; `/claw alerts` lists the others.
  const cooldowns = r.episodes.filter((e) => e.kind === 'cooldown');
  const active = cooldowns.filter((e) => e.status === 'active');
  const ended = cooldowns.filter((e) => e.status === 'resolved');
  const blocks: Block[] = [
    {
      type: 'header',
      text: active.length
        ? `🧊 ${r.host}: ${active.map((e) => e.provider).join(', ')} in cooldown`
        : `✅ ${r.host}: no cooldown going on`,
    },
  ];
  for (const e of active) {
    const cause = e.cause ? `${e.cause.label} (${LABEL_INFO[e.cause.label].title})` : 'not seen in the log';
    blocks.push({
      type: 'markdown',
      text: `*${e.provider}* since ${ago(now - e.startedAt)}; cause: ${cause}${e.flaps ? `; came back ${e.flaps} time(s)` : ''}`,
    });
    blocks.push({
      type: 'code',
      text: e.windows.map((w) => windowLine(w, now)).join('\n') || 'no profile named yet',
    });
  }
  for (const e of ended)
    blocks.push({
      type: 'markdown',
      text: `${e.provider}: ended ${ago(now - (e.resolvedAt ?? e.updatedAt))} after ${duration((e.resolvedAt ?? e.updatedAt) - e.startedAt)}.`,
    });
  const state =
    r.windows === null || r.stateAt === null
      ? 'Profile state: not read yet.'
      : r.windows.length === 0
        ? `Profile state (read ${ago(now - r.stateAt)}): every profile usable.`
        : `Profile state (read ${ago(now - r.stateAt)}):\n${r.windows.map((w) => `• ${windowLine(w, now)}`).join('\n')}`;
  blocks.push({ type: 'markdown', text: `${state}\nWatching: ${r.logSource ?? 'no log source'}.` });
  const text = active.length
    ? `${r.host}: ${active.map((e) => `${e.provider} in cooldown`).join('; ')}`
    : `${r.host}: no cooldown going on`;
  return { text, blocks, tone: active.length ? 'warn' : 'ok' };
}

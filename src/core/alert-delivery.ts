import type { Episode } from '../engine/episodes.js';
import type { ActionStore } from './action-store.js';
import { alertMessage } from './alert-message.js';
import { alertActions } from './alert-parts.js';
import { BotError } from './errors.js';
import type { Message } from './message.js';

export type AlertPlatform = 'slack' | 'discord';
export type AlertRoute = { readonly platform: AlertPlatform; readonly channel: string };

/** Where a platform posts and edits alert messages (the adapters implement it). */
export interface AlertSink {
  /** Posts in `channel`; returns the message's id (Slack `ts`, Discord message id). */
  post(channel: string, message: Message): Promise<string>;
  edit(channel: string, messageId: string, message: Message): Promise<void>;
}

/** Per episode: which message shows it in each route, and at which version; kept for days. */
export interface AlertRefStore {
  read(episodeId: string): Promise<ReadonlyMap<string, string>>;
  write(episodeId: string, field: string, value: string): Promise<void>;
}

/** An alert's buttons work as long as an alert is likely to be read. */
const ACTION_TTL_MS = 7 * 24 * 3600_000;

type Ref = { messageId: string; version: number };
const readRef = (raw: string | undefined): Ref | null => {
  if (!raw) return null;
  try {
    const v = JSON.parse(raw) as Ref;
    return typeof v.messageId === 'string' && typeof v.version === 'number' ? v : null;
  } catch {
    return null;
  }
};

/**
 * Shows an episode of any kind in each of its host's alert channels: posts the first time, edits after.
 * A version older than the one a channel shows is skipped, so a late retry cannot undo news.
 * Throws when a channel failed (the caller retries); channels that worked are not redone.
 */
export function createAlertDelivery(deps: {
  readonly routes: (host: string) => readonly AlertRoute[];
  readonly sinks: Partial<Record<AlertPlatform, AlertSink>>;
  readonly refs: AlertRefStore;
  readonly actions: ActionStore;
  readonly now?: () => number;
}) {
  const now = deps.now ?? Date.now;
  return async function deliver(e: Episode): Promise<void> {
    const routes = deps.routes(e.host);
    if (routes.length === 0) return;
    const stored = await deps.refs.read(e.id);
    const ids: Record<string, string> = {};
    for (const a of alertActions(e)) {
      let id = stored.get(a.field);
      if (!id) {
        id = await deps.actions.put(
          { ...a.call, createdBy: 'clawops-alert', createdAt: now(), reusable: true },
          ACTION_TTL_MS,
        );
        await deps.refs.write(e.id, a.field, id);
      }
      ids[a.field] = id;
    }
    const message = alertMessage(e, now(), ids);
    const failed: string[] = [];
    for (const route of routes) {
      const key = `${route.platform}:${route.channel}`;
      const ref = readRef(stored.get(key));
      if (ref && ref.version >= e.version) continue;
      const sink = deps.sinks[route.platform];
      if (!sink) {
        failed.push(`${key} (${route.platform} is not configured)`);
        continue;
      }
      try {
        const messageId = ref ? ref.messageId : await sink.post(route.channel, message);
        if (ref) await sink.edit(route.channel, ref.messageId, message);
        await deps.refs.write(e.id, key, JSON.stringify({ messageId, version: e.version }));
      } catch (err) {
        failed.push(`${key} (${err instanceof Error ? err.message : String(err)})`);
      }
    }
    if (failed.length)
      throw new BotError(
        'not_delivered',
        `alert ${e.id} v${e.version} not delivered to ${failed.join(', ')}`,
      );
  };
}

/**
 * Alert routes from `CLAWOPS_ALERT_CHANNELS`: comma-separated `[host=]slack:<channel>` or
 * `[host=]discord:<channel>`. Entries without a host are the default; a host with entries of its
 * own gets only those.
 */
export function parseAlertChannels(spec: string): {
  routes: (host: string) => AlertRoute[];
  platforms: AlertPlatform[];
  problems: string[];
} {
  const defaults: AlertRoute[] = [];
  const byHost = new Map<string, AlertRoute[]>();
  const problems: string[] = [];
  for (const raw of spec
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const m = /^(?:([A-Za-z0-9][\w.-]{0,62})=)?(slack|discord):([A-Za-z0-9]{1,40})$/.exec(raw);
    if (!m) {
      problems.push(`"${raw}": expected [host=]slack:<channel id> or [host=]discord:<channel id>`);
      continue;
    }
    const route = { platform: m[2] as AlertPlatform, channel: m[3] as string };
    if (m[1]) byHost.set(m[1], [...(byHost.get(m[1]) ?? []), route]);
    else defaults.push(route);
  }
  const platforms = [...defaults, ...[...byHost.values()].flat()].map((r) => r.platform);
  return { routes: (host) => byHost.get(host) ?? defaults, platforms, problems };
}

/** For `clawops dev` and tests: the same contract in this process's memory. */
export function createMemoryAlertRefs(): AlertRefStore {
  const refs = new Map<string, Map<string, string>>();
  return {
    async read(episodeId) {
      return new Map(refs.get(episodeId));
    },
    async write(episodeId, field, value) {
      refs.set(episodeId, new Map(refs.get(episodeId)).set(field, value));
    },
  };
}

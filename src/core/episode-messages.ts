import type { Episode } from '../engine/episodes.js';
import { LABEL_INFO } from '../engine/labels.js';
import { alertButtons, clock, flapsNote, where } from './alert-parts.js';
import type { Block, Message, Tone } from './message.js';
import { duration } from './text.js';

type Ids = Readonly<Record<string, string>>;

/** The exact command that renews a credential: a new login, or a new token. */
function refreshCommand(e: Episode): string {
  const provider = e.provider || 'anthropic';
  return e.detail.startsWith('token')
    ? `openclaw models auth paste-token --provider ${provider} --profile-id ${e.subject}`
    : `openclaw models auth login --provider ${provider}`;
}

/** How long is left, or how long ago it ran out. */
const left = (until: number, now: number): string =>
  until > now ? `${duration(until - now)} left` : `expired ${duration(now - until)} ago`;

function render(
  e: Episode,
  ids: Ids,
  parts: { header: string; text: string; body: string; tone: Tone; fields?: Block; code?: string },
): Message {
  const flaps = flapsNote(e);
  const blocks: Block[] = [
    { type: 'header', text: parts.header },
    { type: 'markdown', text: `${parts.body}${flaps ? `\n${flaps}` : ''}` },
    ...(parts.fields ? [parts.fields] : []),
    ...(parts.code ? [{ type: 'code' as const, text: parts.code }] : []),
    ...alertButtons(e, ids),
  ];
  return { text: parts.text, blocks, tone: parts.tone };
}

/** The end of any episode: what ended, when, and after how long. */
function resolved(e: Episode, now: number, ids: Ids, what: string, header: string): Message {
  const ended = e.resolvedAt ?? e.updatedAt;
  const text = `✅ ${what} at ${clock(ended, now)} after ${duration(ended - e.startedAt)}.`;
  return render(e, ids, { header: `✅ Resolved: ${header}`, text, body: text, tone: 'ok' });
}

function gatewayDown(e: Episode, now: number, ids: Ids): Message {
  const header = `gateway down on ${where(e)}`;
  if (e.status === 'resolved')
    return resolved(e, now, ids, `The gateway on ${where(e)} answers again`, header);
  const info = LABEL_INFO.gateway_down;
  const text = `🔴 The gateway on ${where(e)} is down since ${clock(e.startedAt, now)}: ${e.detail}.`;
  return render(e, ids, {
    header: `🔴 Gateway down on ${where(e)}`,
    text,
    tone: 'problem',
    body: `${info.summary} \`openclaw gateway status\` confirmed it.\n*Owner:* ${info.owner}`,
    fields: {
      type: 'fields',
      fields: [
        { label: 'Since', value: clock(e.startedAt, now) },
        { label: 'Down for', value: duration(now - e.startedAt) },
      ],
    },
    code: e.detail,
  });
}

function routeBroken(e: Episode, now: number, ids: Ids): Message {
  const label = e.cause?.label ?? 'unknown';
  const info = LABEL_INFO[label];
  const route = e.provider || 'the route';
  const header = `${route} ${label} on ${where(e)}`;
  if (e.status === 'resolved')
    return resolved(e, now, ids, `${route} on ${where(e)} works again (${label} ended)`, header);
  const text = `⛔ ${route} on ${where(e)}: ${label} (${info.title}) since ${clock(e.startedAt, now)}; owner: ${info.owner ?? 'nobody'}. It will not heal by itself.`;
  return render(e, ids, {
    header: `⛔ ${info.title} on ${where(e)}`,
    text,
    tone: 'problem',
    body: `${info.summary}\n*Owner:* ${info.owner ?? 'nobody'} · *Label:* ${label}\n> ${(e.cause?.text ?? '').replace(/\n/g, ' ')}`,
    fields: {
      type: 'fields',
      fields: [
        { label: 'Since', value: clock(e.startedAt, now) },
        { label: 'Owner', value: info.owner ?? 'nobody' },
      ],
    },
  });
}

function credentialExpiring(e: Episode, now: number, ids: Ids): Message {
  const header = `${e.subject} expiring on ${where(e)}`;
  if (e.status === 'resolved')
    return resolved(
      e,
      now,
      ids,
      `${e.subject} on ${where(e)} no longer expires soon (renewed or removed)`,
      header,
    );
  const expires = e.expiresAt ?? now;
  const when = `${expires > now ? 'expires' : 'expired'} at ${clock(expires, now)}, ${left(expires, now)}`;
  const text = `⏳ ${e.subject} on ${where(e)} ${when}. Renew it: ${refreshCommand(e)}`;
  return render(e, ids, {
    header: `⏳ Credential ${expires > now ? 'expiring' : 'expired'} on ${where(e)}: ${e.subject}`,
    text,
    tone: expires > now ? 'warn' : 'problem',
    body: `The ${e.detail.split(',')[0]} ${e.subject} ${when}; then every turn that uses it fails. Renew it on the gateway host:`,
    code: refreshCommand(e),
  });
}

function workerSilent(e: Episode, now: number, ids: Ids): Message {
  const header = `worker silent on ${e.host}`;
  if (e.status === 'resolved') return resolved(e, now, ids, `The worker on ${e.host} is back`, header);
  const text = `📵 The clawops worker on ${e.host} is silent: no heartbeat since ${clock(e.startedAt, now)} (${duration(now - e.startedAt)}).`;
  return render(e, ids, {
    header: `📵 Worker silent on ${e.host}`,
    text,
    tone: 'problem',
    body: `${text}\nDiagnoses and alerts for ${e.host} wait until it is back. On the host:`,
    code: 'systemctl status clawops-worker\njournalctl -u clawops-worker -n 100 --no-pager',
  });
}

/** The alert of an episode that is not a cooldown (those have their own, with their windows). */
export function episodeMessage(e: Episode, now: number, ids: Ids): Message {
  switch (e.kind) {
    case 'gateway-down':
      return gatewayDown(e, now, ids);
    case 'route-broken':
      return routeBroken(e, now, ids);
    case 'credential-expiring':
      return credentialExpiring(e, now, ids);
    default:
      return workerSilent(e, now, ids);
  }
}

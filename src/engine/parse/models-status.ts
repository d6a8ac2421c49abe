import { z } from 'zod';
import { parseJsonLoose } from './json.js';
import { lines } from './text.js';

/** One credential source for a provider, as `models status` reports it. */
export type ProviderAuth = {
  readonly provider: string;
  /** `profiles`, `env`, `models.json` or `missing`. */
  readonly effectiveKind: string;
  readonly effectiveDetail: string | null;
  /** `profileId=masked` labels, e.g. `anthropic:default=sk-ant-a...key-0000`. */
  readonly profileLabels: readonly { profileId: string; display: string }[];
  readonly env: { value: string; source: string } | null;
};

export type UnusableProfile = {
  readonly profileId: string;
  readonly provider: string;
  readonly kind: 'cooldown' | 'disabled';
  readonly reason: string | null;
  /** Milliseconds since the epoch. */
  readonly until: number | null;
  readonly remainingMs: number | null;
};

export type OAuthProfile = {
  readonly profileId: string;
  readonly provider: string;
  readonly type: string;
  readonly status: string;
  readonly reasonCode: string | null;
  /** When the credential expires (ms since the epoch), when OpenClaw knows. */
  readonly expiresAt: number | null;
  /** What OpenClaw computed was left when asked. */
  readonly remainingMs: number | null;
};

/** What clawops needs from `openclaw models status`, in either output form. */
export type ModelsStatus = {
  readonly form: 'json' | 'text';
  readonly defaultModel: string | null;
  readonly fallbacks: readonly string[];
  readonly providers: readonly ProviderAuth[];
  readonly missingProvidersInUse: readonly string[];
  readonly unusable: readonly UnusableProfile[];
  readonly oauthProfiles: readonly OAuthProfile[];
  readonly routeIssues: readonly { kind: string; provider: string; model: string; message: string }[];
};

/** A provider's cooldown and disabled windows that have not run out (no remaining time given: open). */
export function openWindows(models: ModelsStatus | null, provider: string): UnusableProfile[] {
  return (models?.unusable ?? []).filter(
    (u) => u.provider === provider && (u.remainingMs === null || u.remainingMs > 0),
  );
}

const str = z.string().catch('');
const optStr = z.string().nullable().catch(null);
const list = <T extends z.ZodType>(item: T) =>
  z
    .array(z.unknown())
    .catch([])
    .transform((xs) => xs.flatMap((x) => (item.safeParse(x).success ? [item.parse(x) as z.output<T>] : [])));
const epoch = z
  .union([z.number(), z.string()])
  .nullable()
  .catch(null)
  .transform((v) => (typeof v === 'string' ? Date.parse(v) || null : v));

const ProviderSchema = z.looseObject({
  provider: z.string(),
  effective: z.looseObject({ kind: str, detail: optStr }).catch({ kind: '', detail: null }),
  profiles: z.looseObject({ labels: z.array(z.string()).catch([]) }).catch({ labels: [] }),
  env: z.looseObject({ value: str, source: str }).nullable().catch(null),
});

const UnusableSchema = z.looseObject({
  profileId: z.string(),
  provider: str,
  kind: z.enum(['cooldown', 'disabled']).catch('cooldown'),
  reason: optStr,
  cooldownReason: optStr.optional(),
  until: epoch,
  remainingMs: z.number().nullable().catch(null),
});

const OAuthSchema = z.looseObject({
  profileId: z.string(),
  provider: str,
  type: str,
  status: str,
  reasonCode: optStr.optional(),
  expiresAt: epoch.optional(),
  remainingMs: z.number().nullable().catch(null).optional(),
});

const RouteIssueSchema = z.looseObject({ kind: str, provider: str, model: str, message: str });

const ModelsStatusJson = z.looseObject({
  defaultModel: optStr,
  resolvedDefault: optStr.optional(),
  fallbacks: z.array(z.string()).catch([]),
  auth: z
    .looseObject({
      providers: list(ProviderSchema),
      missingProvidersInUse: z.array(z.string()).catch([]),
      unusableProfiles: list(UnusableSchema),
      modelRouteIssues: list(RouteIssueSchema),
      oauth: z.looseObject({ profiles: list(OAuthSchema) }).catch({ profiles: [] }),
    })
    .catch({
      providers: [],
      missingProvidersInUse: [],
      unusableProfiles: [],
      modelRouteIssues: [],
      oauth: { profiles: [] },
    }),
});

/** `anthropic:default=sk-ant-a...key-0000 [disabled:billing 9m]` → id and masked key, state dropped. */
function splitLabel(raw: string): { profileId: string; display: string } {
  const label = raw.replace(/\s*\[[^\]]*\]$/, '');
  const at = label.indexOf('=');
  return at < 0
    ? { profileId: label, display: '' }
    : { profileId: label.slice(0, at), display: label.slice(at + 1) };
}

/**
 * What every `models status --json` has: an `auth` object listing providers. Without it the
 * output is something else, and an empty provider list would read as "no credential at all".
 */
const Recognizable = z.looseObject({ auth: z.looseObject({ providers: z.array(z.unknown()) }) });

/**
 * Parses `openclaw models status --json`. Returns `null` when the output is not a models status
 * (no JSON, or not the shape OpenClaw prints): an unread output, never an empty one.
 */
export function parseModelsStatusJson(stdout: string): ModelsStatus | null {
  const json = parseJsonLoose(stdout);
  if (!json.ok || !Recognizable.safeParse(json.value).success) return null;
  const parsed = ModelsStatusJson.safeParse(json.value);
  if (!parsed.success) return null;
  const { auth, ...top } = parsed.data;
  return {
    form: 'json',
    defaultModel: top.resolvedDefault ?? top.defaultModel,
    fallbacks: top.fallbacks,
    providers: auth.providers.map((p) => ({
      provider: p.provider,
      effectiveKind: p.effective.kind,
      effectiveDetail: p.effective.detail,
      profileLabels: p.profiles.labels.map(splitLabel),
      env: p.env?.value ? { value: p.env.value, source: p.env.source } : null,
    })),
    missingProvidersInUse: auth.missingProvidersInUse,
    unusable: auth.unusableProfiles.map((u) => ({
      profileId: u.profileId,
      provider: u.provider,
      kind: u.kind,
      reason: u.reason ?? u.cooldownReason ?? null,
      until: u.until,
      remainingMs: u.remainingMs,
    })),
    oauthProfiles: auth.oauth.profiles.map((o) => ({
      profileId: o.profileId,
      provider: o.provider,
      type: o.type,
      status: o.status,
      reasonCode: o.reasonCode ?? null,
      expiresAt: o.expiresAt ?? null,
      remainingMs: o.remainingMs ?? null,
    })),
    routeIssues: auth.modelRouteIssues,
  };
}

const PROVIDER_LINE = /^- (\S+) effective=([^:|\s]+):?([^|]*?)\s*(?:\||$)(.*)$/;
const UNAVAILABLE_LINE = /^- (\S+) \((\S+)\) (cooldown|disabled)(?::(\S+))?(?: \(([^)]+)\))?/;
const OAUTH_LINE = /^- (\S+:\S+)(?: \([^)]*\))? (ok|static|expiring|expired|unknown|missing)\b/;

/** Parses the text form of `openclaw models status`, for builds without `--json`. */
export function parseModelsStatusText(stdout: string): ModelsStatus | null {
  const all = lines(stdout);
  if (!all.some((l) => l.startsWith('Auth overview') || l.startsWith('Default'))) return null;
  let section = '';
  const providers: ProviderAuth[] = [];
  const missing: string[] = [];
  const unusable: UnusableProfile[] = [];
  const oauthProfiles: OAuthProfile[] = [];
  let defaultModel: string | null = null;
  for (const line of all) {
    if (!line.startsWith('-')) {
      section = line;
      const def = /^Default\s*:\s*(\S+)/.exec(line);
      if (def?.[1]) defaultModel = def[1];
      continue;
    }
    if (section.startsWith('Providers w/') || section.startsWith('Shell env')) {
      const m = PROVIDER_LINE.exec(line);
      if (!m) continue;
      const [, provider = '', kind = '', detail = '', rest = ''] = m;
      const parts = rest.split('|').map((p) => p.trim());
      const env = parts.find((p) => p.startsWith('env='))?.slice(4) ?? null;
      const source = parts.find((p) => p.startsWith('source='))?.slice(7) ?? '';
      const labels = parts.filter((p) => /^\S+:\S+=/.test(p)).map(splitLabel);
      providers.push({
        provider,
        effectiveKind: kind,
        effectiveDetail: detail || null,
        profileLabels: labels,
        env: env ? { value: env, source } : null,
      });
    } else if (section.startsWith('Missing auth')) {
      const provider = line.slice(2).split(' ')[0];
      if (provider) missing.push(provider);
    } else if (section.startsWith('Unavailable auth profiles')) {
      const m = UNAVAILABLE_LINE.exec(line);
      if (!m) continue;
      const [, profileId = '', provider = '', kind, reason] = m;
      unusable.push({
        profileId,
        provider,
        kind: kind === 'disabled' ? 'disabled' : 'cooldown',
        reason: reason ?? null,
        until: null,
        remainingMs: null,
      });
    } else if (section.startsWith('OAuth/token status')) {
      const m = OAUTH_LINE.exec(line);
      if (!m) continue;
      const [, profileId = '', status = ''] = m;
      oauthProfiles.push({
        profileId,
        provider: profileId.split(':')[0] ?? '',
        type: 'oauth',
        status: status === 'unknown' ? 'missing' : status,
        reasonCode: null,
        expiresAt: null,
        remainingMs: null,
      });
    }
  }
  return {
    form: 'text',
    defaultModel,
    fallbacks: [],
    providers,
    missingProvidersInUse: missing,
    unusable,
    oauthProfiles,
    routeIssues: [],
  };
}

import { fingerprint, fingerprintMasked } from './fingerprint.js';

/** Removes secrets from text; counts each distinct secret once. */
export type Redactor = {
  redact(text: string): string;
  /** How many distinct secrets have been removed so far. */
  readonly count: number;
};

type Rule = {
  readonly pattern: RegExp;
  /** Index of the capture group that holds the secret; 0 for the whole match. */
  readonly group: number;
  /** Whether the replacement may show class, last four and a hash (high-entropy keys only). */
  readonly fingerprint: boolean;
};

const rule = (pattern: RegExp, group = 0, fp = false): Rule => ({ pattern, group, fingerprint: fp });

/**
 * Secret shapes, most specific first. Each pattern is global; the secret is the match or one group.
 * Passwords and generic assignments get no fingerprint: a hash of a low-entropy value could be guessed.
 */
const RULES: readonly Rule[] = [
  rule(/sk-ant-[a-z]+\d*-[A-Za-z0-9_-]{8,}/g, 0, true),
  rule(/sk-(?:proj|svcacct|or-v1|or)-[A-Za-z0-9_-]{16,}/g, 0, true),
  rule(/\bsk-[A-Za-z0-9]{20,}/g, 0, true),
  rule(/\bxox[abposre]-[A-Za-z0-9-]{10,}/g, 0, true),
  rule(/\bxapp-\d-[A-Za-z0-9-]{10,}/g, 0, true),
  rule(/\bgh[pousr]_[A-Za-z0-9]{30,}/g, 0, true),
  rule(/\bgithub_pat_[A-Za-z0-9_]{30,}/g, 0, true),
  rule(/\bAIza[0-9A-Za-z_-]{35}/g, 0, true),
  rule(/\bAKIA[0-9A-Z]{16}\b/g, 0, true),
  rule(/\b(?:xai|gsk|hf)[-_][A-Za-z0-9]{20,}/g, 0, true),
  rule(/\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g),
  rule(/\b[MNO][A-Za-z0-9_-]{23,27}\.[A-Za-z0-9_-]{6}\.[A-Za-z0-9_-]{27,40}\b/g),
  rule(/\b[Bb]earer\s+([A-Za-z0-9._~+/-]{12,}=*)/g, 1),
  rule(/:\/\/[^/\s:@]+:([^@\s/]{3,})@/g, 1),
  rule(
    /"(?:token|password|passwd|secret|apiKey|api_key|access|refresh|accessToken|refreshToken|access_token|refresh_token|id_token|clientSecret|client_secret|authToken|auth_token|privateKey|private_key|signingSecret)"\s*:\s*"([^"\\]{6,})"/g,
    1,
  ),
  rule(/\b[A-Z][A-Z0-9_]*(?:TOKEN|API_KEY|SECRET|PASSWORD|PASSWD|PRIVATE_KEY)=("?)([^\s"']{6,})\1/g, 2),
  rule(/(?:--[a-z-]*(?:token|api-key|password|secret))(?:\s+|=)([^\s-][^\s]{5,})/g, 1),
];

/** OpenClaw's own key mask (`sk-ant-a...key-0000`): not the key, but more of it than clawops shows. */
const OPENCLAW_MASK = /\b(?:sk|xox[a-z]|xapp)-[A-Za-z0-9-]{0,6}\.\.\.[A-Za-z0-9_-]{4,8}\b/g;

/** Shorter literals are too likely to hit ordinary words. */
const MIN_KNOWN_SECRET = 6;

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Creates a redactor. `knownSecrets` are exact values found in the host's config and environment
 * (gateway tokens, passwords, keys); they are removed wherever they appear, whatever their shape.
 *
 * @example
 * const r = createRedactor(['lab-gw-token-1111']);
 * r.redact('token lab-gw-token-1111'); // 'token [REDACTED]'
 */
export function createRedactor(knownSecrets: Iterable<string> = []): Redactor {
  const seen = new Set<string>();
  const literals = [...new Set(knownSecrets)]
    .filter((s) => s.length >= MIN_KNOWN_SECRET)
    .sort((a, b) => b.length - a.length);
  const literalPattern = literals.length > 0 ? new RegExp(literals.map(escapeRegExp).join('|'), 'g') : null;

  const replacement = (secret: string, withFingerprint: boolean): string => {
    seen.add(secret);
    return withFingerprint ? `[REDACTED ${fingerprint(secret)}]` : '[REDACTED]';
  };

  const redact = (text: string): string => {
    let out = literalPattern ? text.replace(literalPattern, (m) => replacement(m, false)) : text;
    for (const { pattern, group, fingerprint: fp } of RULES) {
      out = out.replace(pattern, (match: string, ...groups: unknown[]) => {
        const secret = group === 0 ? match : groups[group - 1];
        if (typeof secret !== 'string' || secret.startsWith('[REDACTED')) return match;
        return match.replace(secret, replacement(secret, fp));
      });
    }
    return out.replace(OPENCLAW_MASK, (masked: string) => {
      seen.add(masked);
      return `[MASKED ${fingerprintMasked(masked)}]`;
    });
  };

  return {
    redact,
    get count() {
      return seen.size;
    },
  };
}

/** Returns a copy of `value` with every string inside it redacted. */
export function redactDeep<T>(value: T, redactor: Redactor): T {
  if (typeof value === 'string') return redactor.redact(value) as T;
  if (Array.isArray(value)) return value.map((v: unknown) => redactDeep(v, redactor)) as T;
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = redactDeep(v, redactor);
    return out as T;
  }
  return value;
}

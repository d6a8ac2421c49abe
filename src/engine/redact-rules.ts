/**
 * One secret shape. The pattern is global; the secret is the match or one of its groups.
 * Every pattern runs in linear time: a repeat that something must follow is bounded, and an
 * unbounded repeat only ever ends a pattern (it cannot fail after it, so nothing backtracks).
 */
export type ShapeRule = {
  readonly name: string;
  readonly pattern: RegExp;
  /** Index of the capture group that holds the secret; 0 for the whole match. */
  readonly group: number;
  /** Whether the replacement may show class, last four and a hash (high-entropy keys only). */
  readonly fingerprint: boolean;
};

const key = (name: string, pattern: RegExp): ShapeRule => ({ name, pattern, group: 0, fingerprint: true });
const value = (name: string, pattern: RegExp, group = 1): ShapeRule => ({
  name,
  pattern,
  group,
  fingerprint: false,
});

/** Credentials recognisable by their own prefix, wherever they stand. Most specific first. */
export const KEY_SHAPES: readonly ShapeRule[] = [
  key('anthropic', /sk-ant-[a-z]{1,12}\d{0,4}-[A-Za-z0-9_-]{8,}/g),
  key('openai-scoped', /sk-(?:proj|svcacct|admin|or-v1|or)-[A-Za-z0-9_-]{16,}/g),
  key('stripe', /\b[sr]k_(?:live|test)_[A-Za-z0-9]{10,}/g),
  key('openai', /\bsk-[A-Za-z0-9_-]{20,}/g),
  key('slack', /\bxox[abposre]-[A-Za-z0-9-]{10,}/g),
  key('slack-app', /\bxapp-\d-[A-Za-z0-9-]{10,}/g),
  key('github', /\bgh[pousr]_[A-Za-z0-9]{30,}/g),
  key('github-pat', /\bgithub_pat_[A-Za-z0-9_]{30,}/g),
  key('gitlab', /\bgl(?:pat|dt|rt|ptt|cbt)-[A-Za-z0-9_-]{20,}/g),
  key('npm', /\bnpm_[A-Za-z0-9]{36,}/g),
  key('google', /\bAIza[0-9A-Za-z_-]{35}/g),
  key('aws-key-id', /\b(?:AKIA|ASIA|AIDA|AROA|ANPA|AGPA)[0-9A-Z]{16}\b/g),
  key('xai-groq-hf', /\b(?:xai|gsk|hf)[-_][A-Za-z0-9]{20,}/g),
  key('sendgrid', /\bSG\.[A-Za-z0-9_-]{16,32}\.[A-Za-z0-9_-]{16,}/g),
  key('telegram', /\b\d{6,12}:AA[A-Za-z0-9_-]{30,}/g),
];

/** Secrets recognised by where they stand: URLs, headers, tokens with a fixed structure. */
export const PLACE_SHAPES: readonly ShapeRule[] = [
  value('jwt', /\beyJ[A-Za-z0-9_-]{8,2048}\.[A-Za-z0-9_-]{8,16384}\.[A-Za-z0-9_-]{8,}/g, 0),
  value('discord-bot', /\b[MNO][A-Za-z0-9_-]{23,27}\.[A-Za-z0-9_-]{6}\.[A-Za-z0-9_-]{27,40}\b/g, 0),
  value(
    'slack-webhook',
    /\bhooks\.slack\.com\/(?:services|workflows|triggers)\/([A-Za-z0-9_-]{4,64}\/[A-Za-z0-9/_-]{8,})/g,
  ),
  value(
    'discord-webhook',
    /\b(?:ptb\.|canary\.)?discord(?:app)?\.com\/api\/webhooks\/(\d{5,30}\/[A-Za-z0-9_-]{20,})/g,
  ),
  value(
    'authorization-header',
    /\b(?:proxy-)?authorization\\?["']?[ \t]{0,3}[:=][ \t]{0,3}\\?["']?(?:(?:bearer|basic|digest|token|negotiate|bot)[ \t]{1,3})?([^\s"'\\,;]{6,})/gi,
  ),
  value('bearer', /\b[Bb]earer[ \t]{1,3}([A-Za-z0-9._~+/-]{12,}=*)/g),
  value('basic', /\bBasic[ \t]{1,3}([A-Za-z0-9+/]{8,}={0,2})/g),
  value('url-password', /:\/\/[^\s/:@]{0,128}:([^\s@]{1,128})@/g),
  // A key that clipping cut short of its full shape: the part before the cut is still secret
  // (a fingerprint, `sk-ant-api03…0000#3f2a9c1b`, is not a cut key).
  value(
    'cut-key',
    /(?<!\[REDACTED |\[MASKED )\b(?:sk-|sk_live_|rk_live_|sk_test_|xox[abposre]-|xapp-|gh[pousr]_|github_pat_|gl(?:pat|dt|rt|ptt|cbt)-|npm_|AIza|AKIA|ASIA|SG\.|xai-|gsk_|hf_)[A-Za-z0-9_-]{4,64}(?=…(?![\w-]{4}#[0-9a-f]{8})|$)/g,
    0,
  ),
  value(
    'flag',
    /--(?:[a-z][a-z-]{0,40})?(?:token|api-key|password|secret)(?:[ \t]{1,3}|=)([^\s-][^\s]{5,})/g,
  ),
];

/** OpenClaw's own key mask (`sk-ant-a...key-0000`): not the key, but more of it than clawops shows. */
export const OPENCLAW_MASK = /\b(?:sk|xox[a-z]|xapp)-[A-Za-z0-9-]{0,6}\.\.\.[A-Za-z0-9_-]{4,8}\b/g;

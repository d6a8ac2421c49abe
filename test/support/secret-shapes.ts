import { randomInt } from 'node:crypto';
import { generateSecrets } from './secrets.js';

/** One way a secret shows up in text: the text, and the parts of it that must never come out. */
export type SecretShape = {
  readonly name: string;
  readonly text: string;
  readonly needles: readonly string[];
};

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const B64URL = `${ALNUM}-_`;
const pick = (alphabet: string, n: number): string =>
  Array.from({ length: n }, () => alphabet[randomInt(alphabet.length)]).join('');
const digits = (n: number) => pick('0123456789', n);
const b64 = (s: string) => Buffer.from(s).toString('base64');

/** Credentials recognisable by their prefix: each also goes through every form below. */
function prefixedKeys(): Record<string, string> {
  const s = generateSecrets();
  return {
    anthropicApiKey: s.anthropicApiKey,
    anthropicOauthToken: s.anthropicOauthToken,
    anthropicAdminKey: s.anthropicAdminKey,
    openaiProjectKey: s.openaiProjectKey,
    openaiLegacyKey: s.openaiLegacyKey,
    openrouterKey: s.openrouterKey,
    slackBotToken: s.slackBotToken,
    slackAppToken: s.slackAppToken,
    githubToken: s.githubToken,
    githubPat: `github_pat_${pick(ALNUM, 22)}_${pick(ALNUM, 59)}`,
    googleKey: s.googleKey,
    awsKeyId: s.awsKeyId,
    awsSessionKeyId: `ASIA${pick('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 16)}`,
    stripeLive: `sk_live_${pick(ALNUM, 24)}`,
    stripeRestricted: `rk_live_${pick(ALNUM, 24)}`,
    gitlab: `glpat-${pick(B64URL, 20)}`,
    npm: `npm_${pick(ALNUM, 36)}`,
    telegram: `${digits(10)}:AA${pick(B64URL, 33)}`,
    sendgrid: `SG.${pick(B64URL, 22)}.${pick(B64URL, 43)}`,
    xai: `xai-${pick(ALNUM, 40)}`,
    groq: `gsk_${pick(ALNUM, 52)}`,
    huggingface: `hf_${pick(ALNUM, 34)}`,
  };
}

/** A key cut in two: each part long enough that finding it means the key leaked. */
const cut = (k: string) => Math.min(18, k.length - 10);
const head = (k: string) => k.slice(0, cut(k));
const tail = (k: string) => k.slice(cut(k));

/** The forms a prefixed key takes in logs and command output. */
const FORMS: Record<string, (k: string) => { text: string; needles: string[] }> = {
  bare: (k) => ({ text: `upstream used ${k} for this call`, needles: [k] }),
  json: (k) => ({ text: `{"apiKey":"${k}","ok":false}`, needles: [k] }),
  env: (k) => ({ text: `SERVICE_CREDENTIAL=${k}`, needles: [k] }),
  bearer: (k) => ({ text: `Authorization: Bearer ${k}`, needles: [k] }),
  query: (k) => ({ text: `GET https://api.example/v1/hook?token=${k}&page=2`, needles: [k] }),
  lineBreak: (k) => ({ text: `key ${head(k)}\n${tail(k)} was refused`, needles: [head(k), tail(k)] }),
  zeroWidth: (k) => ({ text: `key ${head(k)}\u200b${tail(k)} was refused`, needles: [head(k), tail(k)] }),
};

/** Secrets without a prefix, in the places that make them secrets. */
function placedSecrets(): SecretShape[] {
  const p = () => pick(ALNUM, 24);
  const shapes: [string, (v: string) => string][] = [
    ['aws secret assignment', (v) => `AWS_SECRET_ACCESS_KEY=${v}/${v.slice(0, 8)}`],
    ['…_KEY assignment', (v) => `ANTHROPIC_KEY=${v}`],
    ['quoted assignment', (v) => `TELEGRAM_BOT_TOKEN="${v}"`],
    ['spaced assignment', (v) => `export DB_PASSWORD = ${v}`],
    ['YAML field', (v) => `    signingSecret: ${v}`],
    ['lower-case assignment', (v) => `api_key=${v}`],
    ['URL password, empty user', (v) => `redis://:${v}@redis.internal:6379/0`],
    ['URL password with a slash', (v) => `https://ops:${v}/x@proxy.internal:3128`],
    ['x-api-key header', (v) => `x-api-key: ${v}`],
    ['JSON opaque field', (v) => `{"clientSecret":"${v}"}`],
    ['JSON string with escapes', (v) => `{"webhookSecret":"${v}\\"${v.slice(0, 4)}\\\\x"}`],
    ['JSON inside a JSON string', (v) => `{"detail":"{\\"botToken\\":\\"${v}\\"}"}`],
    ['Proxy-Authorization', (v) => `Proxy-Authorization: Basic ${b64(`proxy:${v}`)}`],
    ['query api_key', (v) => `/v1/messages?api_key=${v}`],
    ['query secret', (v) => `/hook?x=1&secret=${v}`],
    ['Slack webhook', (v) => `https://hooks.slack.com/services/T${digits(8)}/B${digits(8)}/${v}`],
    ['Discord webhook', (v) => `https://discord.com/api/webhooks/${digits(18)}/${v}${v}`],
    ['PEM block', (v) => `-----BEGIN PRIVATE KEY-----\nMIIE${v}\n${v}==\n-----END PRIVATE KEY-----`],
    ['random token in a key position', (v) => `{"session":"${v}${v.slice(0, 8)}"}`],
    ['flag', (v) => `openclaw onboard --gateway-token ${v}`],
    ['key in base64 JSON', (v) => `state=${b64(JSON.stringify({ token: v }))}`],
  ];
  return shapes.map(([name, text]) => {
    const v = p();
    const t = text(v);
    const needles = [v];
    if (name === 'Proxy-Authorization') needles.push(b64(`proxy:${v}`));
    if (name === 'key in base64 JSON') needles.push(b64(JSON.stringify({ token: v })));
    return { name, text: t, needles };
  });
}

/** At least 100 secret shapes with fresh values: every prefixed key in every form, and the placed ones. */
export function secretShapes(): SecretShape[] {
  const out: SecretShape[] = [];
  for (const [kind, key] of Object.entries(prefixedKeys()))
    for (const [form, make] of Object.entries(FORMS)) out.push({ name: `${kind} ${form}`, ...make(key) });
  return [...out, ...placedSecrets()];
}

/** The names of the shapes whose needles occur in `text`. */
export const leaked = (text: string, shapes: readonly SecretShape[]): string[] =>
  shapes.filter((s) => s.needles.some((n) => text.includes(n))).map((s) => s.name);

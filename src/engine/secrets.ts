/** Words that make a config key, a variable or a field name secret: `botToken`, `AWS_SECRET_ACCESS_KEY`. */
const SECRET_WORDS = new Set([
  'token',
  'secret',
  'password',
  'passwd',
  'passphrase',
  'key',
  'apikey',
  'credential',
  'credentials',
  'auth',
  'authorization',
  'cookie',
  'privatekey',
  'pat',
]);

/** A name's words: split at anything but letters and at lower-to-upper case changes, lower-cased. */
export const words = (name: string): string[] =>
  name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z]+/);

/** Whether a key or variable name says its value is a secret (`signingSecret`, `x-api-key`, `TELEGRAM_BOT_TOKEN`). */
export function isSecretName(name: string): boolean {
  return name.length <= 80 && words(name).some((w) => SECRET_WORDS.has(w));
}

/** Shorter values are too likely to hit ordinary words. */
export const MIN_SECRET = 6;

const NOT_SECRET = [
  /^(?:true|false|yes|no|on|off|none|null|undefined|disabled|enabled|required|optional|default|token|password|api_key|oauth|bearer|basic|digest|negotiate)$/i,
  /^[\d\s.,:+-]+$/, // numbers, times, dates
  /^(?:\/|~\/|\.\.?\/)/, // paths
  /^[A-Z][A-Z0-9_]*$/, // the name of a variable: a reference, not the value
  /^\$\{?[A-Za-z_]/, // ${VAR} references
  /^[a-z][a-z0-9-]*(?::[a-z0-9._-]+)+$/, // profile and session ids: anthropic:default, agent:main:main
  /^[a-z][a-z0-9+.-]*:\/\/[^@\s]*$/i, // URLs without credentials
  /^(?:sha(?:1|256|384|512)|md5):/i, // hashes named as such
  /^[a-z]{1,12}$/, // one lower-case word: modes and enums
  /^\[(?:REDACTED|MASKED)/,
];

/** Whether a value under a secret name is a secret worth removing, rather than a mode, a path or a reference. */
export function isSecretValue(value: string): boolean {
  const v = value.trim();
  return v.length >= MIN_SECRET && v.length <= 8192 && !NOT_SECRET.some((re) => re.test(v));
}

/** The password of a URL with credentials (`redis://:pw@host`), else null. */
function urlPassword(value: string): string | null {
  const m = /^[a-z][a-z0-9+.-]{0,20}:\/\/[^\s/:@]{0,256}:([^\s@]{1,256})@/i.exec(value);
  return m?.[1] ?? null;
}

/** The secrets a named value holds: the value under a secret name, and any URL password. */
function secretsOf(name: string, value: string, out: string[]): void {
  const pw = urlPassword(value);
  if (pw && isSecretValue(safeDecode(pw))) out.push(...new Set([pw, safeDecode(pw)]));
  if (isSecretName(name) && isSecretValue(value)) out.push(value.trim());
}

const safeDecode = (s: string): string => {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
};

/**
 * String values under secret-looking keys anywhere in a parsed OpenClaw config (gateway tokens,
 * channel bot tokens, signing and webhook secrets, provider keys), every value of `env.vars`,
 * and the password of any URL.
 */
export function secretsInConfig(value: unknown, out: string[] = [], underEnvVars = false): string[] {
  if (Array.isArray(value)) {
    for (const v of value) secretsInConfig(v, out, underEnvVars);
  } else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (typeof v === 'string') {
        secretsOf(k, v, out);
        if (underEnvVars && isSecretValue(v)) out.push(v.trim());
      } else secretsInConfig(v, out, k === 'vars' || underEnvVars);
    }
  }
  return out;
}

/** Values of secret-looking variables in an environment, and URL passwords in any of them. */
export function secretsInEnv(vars: Readonly<Record<string, string | undefined>>): string[] {
  const out: string[] = [];
  for (const [k, v] of Object.entries(vars)) if (v) secretsOf(k, v, out);
  return out;
}

/**
 * The variables an env file sets: dotenv lines (`KEY=value`, `export KEY="value"`, comments) and
 * systemd `Environment=` lines (`Environment="KEY=value" KEY2=value2`).
 */
export function parseEnvFile(text: string): Record<string, string> {
  const vars: Record<string, string> = {};
  const unquote = (v: string): string => {
    const t = v.trim();
    return t.length >= 2 && (t[0] === '"' || t[0] === "'") && t.at(-1) === t[0] ? t.slice(1, -1) : t;
  };
  const assign = (pair: string) => {
    const at = pair.indexOf('=');
    if (at <= 0) return;
    const name = pair.slice(0, at).trim();
    if (/^[A-Za-z_][A-Za-z0-9_.-]*$/.test(name)) vars[name] = unquote(pair.slice(at + 1));
  };
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith(';')) continue;
    if (line.startsWith('Environment=')) {
      for (const part of line.slice('Environment='.length).match(/"[^"]*"|'[^']*'|\S+/g) ?? [])
        assign(unquote(part));
    } else assign(line.replace(/^export\s+/, ''));
  }
  return vars;
}

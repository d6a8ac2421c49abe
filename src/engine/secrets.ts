/** Config keys whose string values are secrets, wherever they sit in the OpenClaw config. */
const SECRET_KEY =
  /^(?:token|password|passwd|secret|apiKey|api_key|key|access|refresh|accessToken|refreshToken|clientSecret|authToken|privateKey)$/i;
/** Environment variable names whose values are secrets. */
const SECRET_VAR = /(?:TOKEN|KEY|SECRET|PASSWORD|PASSWD)$/;

function collectSecrets(value: unknown, out: string[]): string[] {
  if (Array.isArray(value)) {
    for (const v of value) collectSecrets(v, out);
  } else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (typeof v === 'string' && SECRET_KEY.test(k) && v.length > 0) out.push(v);
      else collectSecrets(v, out);
    }
  }
  return out;
}

/**
 * String values under secret-looking keys of a parsed config object (gateway tokens, keys). An
 * `apiKey` that names an auth profile (`openai:manual`, OpenClaw's marker for a key kept in the
 * auth store) is an id, not a secret: redacting it would hide which profile a route uses.
 */
export function secretsInConfig(value: unknown): string[] {
  const profiles = (value as { auth?: { profiles?: unknown } } | null)?.auth?.profiles;
  const ids = new Set(profiles && typeof profiles === 'object' ? Object.keys(profiles) : []);
  return collectSecrets(value, []).filter((v) => !ids.has(v));
}

/** Values of secret-looking variables in an environment. */
export function secretsInEnv(vars: Readonly<Record<string, string | undefined>>): string[] {
  return Object.entries(vars).flatMap(([k, v]) => (v && SECRET_VAR.test(k) ? [v] : []));
}

import { randomBytes, randomInt } from 'node:crypto';

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const B64URL = `${ALNUM}-_`;
const pick = (alphabet: string, n: number): string =>
  Array.from({ length: n }, () => alphabet[randomInt(alphabet.length)]).join('');
const hex = (n: number): string =>
  randomBytes(Math.ceil(n / 2))
    .toString('hex')
    .slice(0, n);

/** Fresh secrets of every shape clawops must never let out; new values on every call. */
export function generateSecrets() {
  return {
    anthropicApiKey: `sk-ant-api03-${pick(B64URL, 93)}AA`,
    anthropicOauthToken: `sk-ant-oat01-${pick(B64URL, 93)}AA`,
    anthropicAdminKey: `sk-ant-admin01-${pick(B64URL, 93)}AA`,
    openaiProjectKey: `sk-proj-${pick(B64URL, 120)}`,
    openaiLegacyKey: `sk-${pick(ALNUM, 48)}`,
    openrouterKey: `sk-or-v1-${hex(64)}`,
    slackBotToken: `xoxb-${pick('0123456789', 12)}-${pick('0123456789', 13)}-${pick(ALNUM, 24)}`,
    slackAppToken: `xapp-1-A${pick(ALNUM, 10)}-${pick('0123456789', 13)}-${hex(64)}`,
    githubToken: `ghp_${pick(ALNUM, 36)}`,
    googleKey: `AIza${pick(B64URL, 35)}`,
    awsKeyId: `AKIA${pick('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 16)}`,
    jwt: `eyJ${pick(B64URL, 30)}.eyJ${pick(B64URL, 60)}.${pick(B64URL, 43)}`,
    bearerValue: pick(B64URL, 40),
    gatewayToken: `gw-${pick(ALNUM, 32)}`,
    devicePassword: pick(ALNUM, 24),
  };
}

export type Secrets = ReturnType<typeof generateSecrets>;

/** One line that carries every secret in the form it would appear in real output. */
export function secretLine(s: Secrets): string {
  return [
    `key ${s.anthropicApiKey}`,
    `oauth ${s.anthropicOauthToken}`,
    `admin ${s.anthropicAdminKey}`,
    s.openaiProjectKey,
    s.openaiLegacyKey,
    s.openrouterKey,
    s.slackBotToken,
    s.slackAppToken,
    s.githubToken,
    s.googleKey,
    s.awsKeyId,
    s.jwt,
    `Authorization: Bearer ${s.bearerValue}`,
    `gateway token ${s.gatewayToken}`,
    `OPENCLAW_GATEWAY_PASSWORD=${s.devicePassword}`,
  ].join(' ');
}

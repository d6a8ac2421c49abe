import { createHash } from 'node:crypto';

/** Known credential prefixes, longest first, so `sk-ant-api03-` wins over `sk-`. */
const KEY_CLASSES = [
  'sk-ant-api03-',
  'sk-ant-oat01-',
  'sk-ant-admin01-',
  'sk-ant-ort01-',
  'sk-proj-',
  'sk-svcacct-',
  'sk-or-v1-',
  'sk-or-',
  'xoxb-',
  'xoxp-',
  'xapp-',
  'sk-',
] as const;

/** The class of a credential: its well-known prefix, or `secret` when it has none. */
export function keyClass(value: string): string {
  const prefix = KEY_CLASSES.find((p) => value.startsWith(p));
  return prefix ? prefix.slice(0, -1) : 'secret';
}

/** A short, non-reversible hash for telling two credentials apart. */
export function shortHash(value: string): string {
  return createHash('sha256').update(value).digest('hex').slice(0, 8);
}

/**
 * A fingerprint that identifies a credential without revealing it: key class, last four
 * characters and a short hash, e.g. `sk-ant-api03…0000#3f2a9c1b`.
 */
export function fingerprint(value: string): string {
  return `${keyClass(value)}…${value.slice(-4)}#${shortHash(value)}`;
}

/**
 * OpenClaw masks keys in `models status` as the first 8 and last 8 characters around `...`
 * (`sk-ant-a...key-0000`). A fingerprint from a mask keeps only what the mask reveals that
 * clawops would show anyway: the visible prefix and the last four characters.
 */
export function fingerprintMasked(masked: string): string {
  const [head = '', tail = ''] = masked.split('...');
  return `${head}…${tail.slice(-4)}#${shortHash(masked)}`;
}

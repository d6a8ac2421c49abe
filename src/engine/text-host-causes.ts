import { cause, type TextRule } from './text-rule.js';

/**
 * Self-hosted servers (a proxy, a local model server) refusing the key they are sent or failing to
 * start, read before the gateway's and the providers' rules (text-phrases.ts) because the same
 * texts go on to print a bare 401 or an exit that is only the consequence.
 */
export const HOST_RULES: readonly TextRule[] = [
  // A self-hosted proxy's (LiteLLM's) check of the key it is sent, or a relay's key-auth middleware
  // refusing it. Behind OpenClaw such a proxy is the provider: the key OpenClaw sends is refused,
  // which is the route's credential (invalid_key), not the OpenClaw gateway's own client auth.
  cause(
    'proxy-client-key',
    'invalid_key',
    /\buser_api_key_auth\b|\bLiteLLM Proxy:ERROR:[^\n]{0,60}\bauth\b|\bmissing or malformed (?:API[ _-]?Key|JWT|token)\b/i,
  ),
  // A local model server (llama.cpp, its wrappers) that exits because its arguments do not parse.
  cause(
    'server-argument-invalid',
    'config_invalid',
    /\berror while handling argument ['"]?--?[\w-]{1,40}\b|\b(?:unknown|unkown|invalid) value for ['"]?--[\w-]{1,40}['"]?\s*:/i,
  ),
];

import type { Label, Owner } from './diagnosis.js';
import type { FixId } from './fixes.js';

type LabelInfo = {
  readonly owner: Owner;
  /** Short title of a finding with this label. */
  readonly title: string;
  /** One or two plain sentences for a person at 3 a.m. */
  readonly summary: string;
  readonly fixes: readonly FixId[];
};

/** What each label means, who owns it and what fixes it (the README's label table). */
export const LABEL_INFO: Readonly<Record<Label, LabelInfo>> = {
  healthy: {
    owner: null,
    title: 'Anthropic route healthy',
    summary: 'The gateway is up, Anthropic auth is usable and no recent provider failure was found.',
    fixes: [],
  },
  missing_auth: {
    owner: 'openclaw-config',
    title: 'No Anthropic credential for the agent',
    summary:
      'The gateway has no usable Anthropic credential for this agent, so every turn fails before it reaches Anthropic.',
    fixes: ['add-auth', 'doctor-fix'],
  },
  invalid_key: {
    owner: 'anthropic-account',
    title: 'Anthropic rejected the key (401)',
    summary:
      'Anthropic answered 401 authentication_error: the key the gateway sends is wrong, revoked or truncated.',
    fixes: ['rotate-key', 'restart-gateway'],
  },
  permission_denied: {
    owner: 'anthropic-account',
    title: 'Anthropic refused access (403)',
    summary:
      'Anthropic answered 403 permission_error: the key is valid but its organization may not use this model or API.',
    fixes: ['check-org-access', 'rotate-key'],
  },
  oauth_refresh_failed: {
    owner: 'oauth-profile',
    title: 'Anthropic OAuth login expired',
    summary:
      'The OAuth profile could not be refreshed; the agent reports a missing key, but the fix is a new login.',
    fixes: ['reauth-oauth'],
  },
  env_override: {
    owner: 'environment',
    title: 'A stale ANTHROPIC_* variable contradicts the configured credential',
    summary:
      'The gateway environment carries an Anthropic variable that differs from the configured credential or endpoint.',
    fixes: ['unset-env', 'restart-gateway'],
  },
  model_unavailable: {
    owner: 'openclaw-config',
    title: 'The configured model is not available',
    summary: 'The agent asks for a model id, provider prefix or endpoint that does not serve it.',
    fixes: ['fix-model-id'],
  },
  billing: {
    owner: 'anthropic-account',
    title: 'Anthropic billing refused the request',
    summary:
      'Anthropic refused for billing (credit balance too low); OpenClaw then disables the profile for hours.',
    fixes: ['top-up-billing'],
  },
  rate_limited: {
    owner: 'anthropic-account',
    title: 'Anthropic rate limit (429)',
    summary: 'Anthropic answered 429 rate_limit_error for this key.',
    fixes: ['wait-rate-limit'],
  },
  overloaded: {
    owner: 'provider',
    title: 'Anthropic overloaded (529)',
    summary: 'Anthropic answered 529 overloaded_error; this is on the provider side.',
    fixes: ['wait-overload'],
  },
  cooldown: {
    owner: 'openclaw-cooldown',
    title: 'OpenClaw put the Anthropic profile in cooldown',
    summary: 'OpenClaw is holding the Anthropic profile back after earlier failures.',
    fixes: ['clear-cooldown'],
  },
  gateway_client_auth: {
    owner: 'gateway-auth',
    title: 'Wrong page: the gateway refused the client',
    summary:
      'The gateway rejected the client (token, password or pairing) before any model call; fix gateway auth first, then retest Anthropic.',
    fixes: ['fix-gateway-token'],
  },
  gateway_down: {
    owner: 'gateway-runtime',
    title: 'Gateway not running',
    summary: 'Nothing answers on the gateway port, so no agent can run.',
    fixes: ['start-gateway'],
  },
  network: {
    owner: 'network',
    title: 'Anthropic unreachable from the gateway host',
    summary: 'Requests to Anthropic did not get an answer: DNS, proxy, firewall or a timeout on the way.',
    fixes: ['check-network'],
  },
  config_invalid: {
    owner: 'openclaw-config',
    title: 'OpenClaw config cannot be read',
    summary: 'The OpenClaw config file does not parse or validate, so OpenClaw commands fail.',
    fixes: ['fix-config', 'doctor-fix'],
  },
  openclaw_missing: {
    owner: 'worker-host',
    title: 'OpenClaw CLI not found',
    summary: 'clawops could not run the openclaw CLI on this host.',
    fixes: ['install-openclaw'],
  },
  unknown: {
    owner: null,
    title: 'No known failure matched',
    summary: 'The evidence does not match a known failure; the findings list what was seen.',
    fixes: ['rediagnose'],
  },
};

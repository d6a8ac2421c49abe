import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Explanation, Label, Owner } from '../../../src/engine/diagnosis.js';
import { explain } from '../../../src/engine/explain.js';

/**
 * `clawops explain` against OpenClaw's message strings (docs/OPENCLAW.md section 2): the older
 * source's wording, the 2026.9.6 wording, and real lines of the 2026.9.6 captures.
 */

const CAPTURES = join(dirname(fileURLToPath(import.meta.url)), '../../fixtures/captures/2026.9.6');

/** The owner of each label, copied from the README's label table (not from the code under test). */
const OWNER: Readonly<Record<Label, Owner>> = {
  healthy: null,
  missing_auth: 'openclaw-config',
  invalid_key: 'anthropic-account',
  permission_denied: 'anthropic-account',
  oauth_refresh_failed: 'oauth-profile',
  env_override: 'environment',
  model_unavailable: 'openclaw-config',
  billing: 'anthropic-account',
  rate_limited: 'anthropic-account',
  overloaded: 'provider',
  cooldown: 'openclaw-cooldown',
  gateway_client_auth: 'gateway-auth',
  gateway_down: 'gateway-runtime',
  network: 'network',
  config_invalid: 'openclaw-config',
  openclaw_missing: 'worker-host',
  unknown: null,
};

/** The first line of a capture file that contains `needle`; fails loudly when there is none. */
function captureLine(scenario: string, file: string, needle: string): string {
  const line = readFileSync(join(CAPTURES, scenario, file), 'utf8')
    .split('\n')
    .find((l) => l.includes(needle));
  if (line === undefined) throw new Error(`${scenario}/${file} has no line containing ${needle}`);
  return line;
}

const captureFile = (scenario: string, file: string): string =>
  readFileSync(join(CAPTURES, scenario, file), 'utf8');

/** A short, single-line test title for a possibly long, multi-line text. */
const title = (text: string): string => {
  const flat = JSON.stringify(text).slice(1, -1);
  return flat.length > 110 ? `${flat.slice(0, 109)}…` : flat;
};

/** What every classified text must satisfy, whatever its label. */
function expectVerdict(result: Explanation, label: Label, cause?: Label): void {
  expect(result.schemaVersion).toBe(1);
  expect(result.verdict.label).toBe(label);
  expect(result.verdict.owner).toBe(OWNER[label]);
  expect(result.findings[0]?.label).toBe(result.verdict.label);
  expect(result.verdict.cause).toBe(cause);
}

/** A single message naming one failure: the verdict is that label, with high confidence. */
function expectLabel(text: string, label: Label, cause?: Label): Explanation {
  const result = explain(text);
  expectVerdict(result, label, cause);
  expect(result.verdict.confidence).toBe('high');
  expect(result.findings).toHaveLength(1);
  expect(result.findings[0]?.evidence.length).toBeGreaterThan(0);
  return result;
}

const AUTH_STORE_OLD =
  'Auth store: /home/operator/.openclaw/agents/main/agent/auth-profiles.json (agentDir: /home/operator/.openclaw/agents/main/agent).';
const AUTH_STORE_NEW =
  'Auth store: /home/operator/.openclaw/state/openclaw.sqlite (agentDir: /home/operator/.openclaw/agents/main/agent).';
const RATE_LIMIT_TEXT =
  'This request would exceed the rate limit for your organization of 50 requests per minute. For details, refer to: https://docs.claude.com/en/api/rate-limits.';

/** Message strings by the label they must get (cooldown has its own table, with causes). */
const BY_LABEL: ReadonlyArray<readonly [Label, readonly string[]]> = [
  [
    'missing_auth',
    [
      // OpenClaw's model-auth.ts, 2026.4 wording (docs/OPENCLAW.md section 2)
      `No API key found for provider "anthropic". ${AUTH_STORE_OLD} Configure auth for this agent (openclaw agents add main) or copy auth-profiles.json from the main agentDir.`,
      // the same error as 2026.9.6 prints it (missing_auth/agent.out)
      `No API key found for provider "anthropic". ${AUTH_STORE_NEW} Configure an API key (openclaw models auth paste-api-key --provider anthropic; add --agent <id> for a non-default agent) or copy only portable static auth profiles from the main agentDir. | missing-provider-auth`,
      'No credentials found for profile "anthropic:default".',
      '⚠️ Missing API key for provider "anthropic". Configure the gateway auth for that provider, then try again.',
      '⚠️ Missing API key for the selected provider on the gateway. Configure provider auth, then try again.',
      // older builds and Control UI
      `⚠️ Agent failed before reply: No API key found for provider "anthropic". ${AUTH_STORE_OLD}\nLogs: openclaw logs --follow`,
      `Embedded agent failed before reply: No API key found for provider "anthropic". ${AUTH_STORE_OLD}`,
      'AUTH_PROFILE_MIGRATION_REQUIRED',
      'AuthProfileMigrationRequiredError: Auth profile store /home/operator/.openclaw/agents/main/agent/openclaw-agent.sqlite requires migration; run `openclaw doctor --fix`.',
      // appendix
      'Missing auth - anthropic',
      '- anthropic effective=missing | profiles=0 (oauth=0, token=0, api_key=0)',
    ],
  ],
  [
    'invalid_key',
    [
      'HTTP 401 authentication_error: invalid x-api-key',
      'HTTP 401 authentication_error: Invalid bearer token',
      'LLM error authentication_error: invalid x-api-key',
      'HTTP 401 authentication_error: OAuth authentication is currently not supported.',
      'OAuth authentication is currently not supported.',
      // 2026.9.6 wording (captures)
      '⚠️ anthropic/claude-opus-5 request failed (authentication failed, HTTP 401). Re-authenticate the provider and try again.',
      // older wordings
      '⚠️ Agent failed before reply: HTTP 401 authentication_error: invalid x-api-key.\nLogs: openclaw logs --follow',
      'Embedded agent failed before reply: HTTP 401 authentication_error: Invalid bearer token',
      'All models failed (1): anthropic/claude-opus-5: HTTP 401 authentication_error: invalid x-api-key (auth)',
      // auth_permanent patterns for a revoked key (DESIGN: "revoked key")
      'This API key has been revoked.',
    ],
  ],
  [
    'permission_denied',
    [
      'HTTP 403 permission_error: Your API key does not have permission to use the specified resource.',
      '⚠️ anthropic/claude-opus-5 request failed (authentication failed, HTTP 403). Re-authenticate the provider and try again.',
      'Authentication failed with an HTML 403 response from the provider. Re-authenticate and verify your provider account access.',
      'LLM request rejected: Your API key is not allowed for this organization.',
      // appendix: scope `user:profile` (Anthropic's wording, sometimes broken over two lines)
      'HTTP 403 permission_error: OAuth token does not meet scope requirement user:profile',
      'OAuth token does not meet scope requirement\n user:profile',
    ],
  ],
  [
    'oauth_refresh_failed',
    [
      'OAuth token refresh failed for anthropic: Failed to refresh OAuth token for anthropic. Please try again or re-authenticate.',
      'OAuth token refresh failed for anthropic: invalid_grant. Please try again or re-authenticate. Run `openclaw doctor` to inspect the OAuth profile.',
      ...['refresh_token_reused', 'invalid_grant', 'sign_in_again', 'invalid_refresh_token', 'revoked'].map(
        (reason) =>
          `OAuth token refresh failed for anthropic: ${reason}. Please try again or re-authenticate.`,
      ),
      'refresh_token_reused',
      'invalid_grant',
      'sign_in_again',
      'invalid_refresh_token',
      'Failed to refresh OAuth token for anthropic',
      'Authentication refresh failed. Re-authenticate this provider and try again.',
      '⚠️ Model login expired on the gateway for anthropic. Re-auth with `openclaw models auth login --provider anthropic`, then try again.',
      '⚠️ Model login failed on the gateway for anthropic. Please try again. If this keeps happening, re-auth with `openclaw models auth login --provider anthropic`, then try again.',
      // doctor's "OAuth refresh errors" box (docs/OPENCLAW.md section 2)
      '- anthropic:lab-oauth: re-auth required [invalid_grant] — Run `openclaw models auth login --provider anthropic`.',
      '- anthropic:lab-oauth: OAuth refresh failed — Try again; if this persists, run `openclaw models auth login --provider anthropic`.',
    ],
  ],
  [
    'model_unavailable',
    [
      'Unknown model: anthropic/claude-opus-9',
      'model not allowed: anthropic/claude-opus-5',
      'invalid model: anthropic/claude opus 5',
      'Model "anthropic/claude-opus-5" is not allowed. Use /models to list providers, or /models <provider> to list models.',
      'Model override "anthropic/claude-opus-5" is not allowed for agent "main".',
      'HTTP 404 not_found_error: Not Found (request_id: req_011CVK66oXg5A6phV8N2nid2)',
      'LLM error not_found_error: model: claude-opus-5',
      '⚠️ Agent failed before reply: Unknown model: anthropic/claude-opus-9.\nLogs: openclaw logs --follow',
      // 2026.9.6 wording (captures)
      'The selected model was not found by the provider. Check the model id or choose a different model.',
      // wrong provider prefix: openrouter/anthropic/… on a direct Anthropic setup (docs/OPENCLAW.md section 2)
      'No API key found for provider "openrouter"',
      `No API key found for provider "openrouter". ${AUTH_STORE_NEW} Configure an API key (openclaw models auth paste-api-key --provider openrouter; add --agent <id> for a non-default agent) or copy only portable static auth profiles from the main agentDir. | missing-provider-auth`,
    ],
  ],
  [
    'billing',
    [
      '⚠️ anthropic (claude-opus-5) returned a billing error — your API key has run out of credits or has an insufficient balance. Check your anthropic billing dashboard and top up or switch to a different API key.',
      "⚠️ API provider returned a billing error — your API key has run out of credits or has an insufficient balance. Check your provider's billing dashboard and top up or switch to a different API key.",
      'LLM request rejected: Your credit balance is too low to access the Anthropic API. Please go to Plans & Billing to upgrade or purchase credits.',
      'HTTP 400 invalid_request_error: Your credit balance is too low to access the Anthropic API. Please go to Plans & Billing to upgrade or purchase credits.',
      'HTTP 402 payment_required: Payment Required',
      "You're out of extra usage. Add more at claude.ai/settings/usage and keep going.",
      '- anthropic effective=profiles:~/.openclaw/state/openclaw.sqlite | profiles=1 | anthropic:default=sk-ant-a...key-0000 [disabled:billing 4h]',
    ],
  ],
  [
    'rate_limited',
    [
      '⚠️ API rate limit reached. Please try again later.',
      '⚠️ All models are temporarily rate-limited. Please try again in a few minutes.',
      '⚠️ Rate-limited — ready in ~30s. Please wait a moment.',
      '⚠️ Rate-limited — ready in ~5 min. Please try again shortly.',
      `HTTP 429 rate_limit_error: ${RATE_LIMIT_TEXT}`,
      // `⚠️ <provider text>` when Anthropic's text carries a try-again hint
      `⚠️ ${RATE_LIMIT_TEXT} Please reduce the prompt length or the maximum tokens requested, or try again later.`,
    ],
  ],
  [
    'overloaded',
    [
      'The AI service is temporarily overloaded. Please try again in a moment.',
      'HTTP 529 overloaded_error: Overloaded',
      'LLM error overloaded_error: Overloaded',
      'Transient HTTP provider error before reply (HTTP 529 overloaded_error: Overloaded). Retrying once in 2500ms.',
      'The AI service is temporarily unavailable (HTTP 503). Please try again in a moment.',
    ],
  ],
  [
    'gateway_client_auth',
    [
      'unauthorized: gateway token missing (set gateway.remote.token to match gateway.auth.token)',
      'unauthorized: gateway token missing (open the dashboard URL and paste the token in Control UI settings)',
      'unauthorized: gateway token missing (provide gateway auth token)',
      'unauthorized: gateway token mismatch (set gateway.remote.token to match gateway.auth.token)',
      'unauthorized: gateway token mismatch (provide gateway auth token)',
      "unauthorized: gateway token mismatch (use this gateway's gateway.auth.token or pair the device)",
      'unauthorized: gateway token not configured on gateway (set gateway.auth.token)',
      'unauthorized: gateway password missing (provide gateway auth password)',
      'unauthorized: gateway password mismatch (provide gateway auth password)',
      'unauthorized: too many failed authentication attempts (retry later)',
      'unauthorized: device token mismatch (rotate/reissue device token)',
      'unauthorized: device token rejected (pair/repair this device, or provide gateway token)',
      'unauthorized: bootstrap token invalid or expired (scan a fresh setup code)',
      'pairing required',
      'NOT_PAIRED: pairing required',
      'gateway closed (1008 normal closure): pairing required',
      'unauthorized conn=20e9bf27-ffc5-42b5-9618-8e3ebc972b36 reason=token_mismatch',
      'gateway url override requires explicit credentials',
      "gateway connect failed: GatewayClientRequestError: unauthorized: gateway token mismatch (use this gateway's gateway.auth.token or pair the device)",
    ],
  ],
  [
    'gateway_down',
    [
      'Gateway not reachable. Is it running and accessible?',
      'connect failed: connect ECONNREFUSED 127.0.0.1:18789',
      'Health check failed: Gateway not reachable at ws://127.0.0.1:18789 (ECONNREFUSED)',
      'Gateway not reachable at ws://127.0.0.1:18789 (ECONNREFUSED)',
      'RPC probe: failed',
      'Runtime: stopped\nRPC probe: failed',
      'gateway closed (1006 abnormal closure (no close frame)): ',
      'gateway timeout after 10000ms',
      'gateway connect failed: Error: connect ECONNREFUSED 127.0.0.1:18789',
    ],
  ],
  [
    'network',
    [
      'LLM request timed out.',
      'LLM request failed: connection refused by the provider endpoint.',
      'LLM request failed: network connection was interrupted.',
      'LLM request failed: DNS lookup for the provider endpoint failed.',
      'LLM request failed: the provider endpoint is unreachable from this host.',
      'LLM request failed: network connection error.',
      'LLM request failed: proxy or tunnel configuration blocked the provider request.',
      'TypeError: fetch failed',
      'getaddrinfo ENOTFOUND api.anthropic.com',
      'getaddrinfo EAI_AGAIN api.anthropic.com',
      'connect ETIMEDOUT 160.79.104.10:443',
      'connect ECONNREFUSED 160.79.104.10:443',
      'read ECONNRESET',
      'socket hang up',
    ],
  ],
  [
    'config_invalid',
    [
      `JSON5: invalid character '"' at 90:3`,
      'Config file is invalid',
      `Failed to read config at /home/operator/.openclaw/openclaw.json: JSON5: invalid character '"' at 90:3`,
      `[openclaw] Reason: JSON5: invalid character '"' at 90:3`,
      `- <root>: JSON5 parse failed: SyntaxError: JSON5: invalid character '"' at 90:3`,
      'OpenClaw config is invalid',
    ],
  ],
  ['openclaw_missing', ['bash: openclaw: command not found', 'Error: spawn openclaw ENOENT']],
];

/** The gateway/client auth detail codes (`ConnectErrorDetailCodes`, plus AUTH_SCOPE_MISMATCH; docs/OPENCLAW.md section 2). */
const CLIENT_AUTH_CODES = [
  'AUTH_REQUIRED',
  'AUTH_UNAUTHORIZED',
  'AUTH_TOKEN_MISSING',
  'AUTH_TOKEN_MISMATCH',
  'AUTH_TOKEN_NOT_CONFIGURED',
  'AUTH_PASSWORD_MISSING',
  'AUTH_PASSWORD_MISMATCH',
  'AUTH_PASSWORD_NOT_CONFIGURED',
  'AUTH_BOOTSTRAP_TOKEN_INVALID',
  'AUTH_DEVICE_TOKEN_MISMATCH',
  'AUTH_RATE_LIMITED',
  'AUTH_TAILSCALE_IDENTITY_MISSING',
  'AUTH_TAILSCALE_PROXY_MISSING',
  'AUTH_TAILSCALE_WHOIS_FAILED',
  'AUTH_TAILSCALE_IDENTITY_MISMATCH',
  'AUTH_SCOPE_MISMATCH',
  'CONTROL_UI_ORIGIN_NOT_ALLOWED',
  'CONTROL_UI_DEVICE_IDENTITY_REQUIRED',
  'DEVICE_IDENTITY_REQUIRED',
  'DEVICE_AUTH_INVALID',
  'DEVICE_AUTH_DEVICE_ID_MISMATCH',
  'DEVICE_AUTH_SIGNATURE_EXPIRED',
  'DEVICE_AUTH_NONCE_REQUIRED',
  'DEVICE_AUTH_NONCE_MISMATCH',
  'DEVICE_AUTH_SIGNATURE_INVALID',
  'DEVICE_AUTH_PUBLIC_KEY_INVALID',
  'PAIRING_REQUIRED',
] as const;

/** Cooldown wording, with the cause the text names (or none). */
const COOLDOWN: ReadonlyArray<readonly [string, Label | undefined]> = [
  ['No available auth profile for anthropic (all in cooldown or unavailable).', undefined],
  ['No available auth profile for anthropic (all in cooldown)', undefined],
  [
    '⚠️ Agent failed before reply: No available auth profile for anthropic (all in cooldown).\nLogs: openclaw logs --follow',
    undefined,
  ],
  ['Provider anthropic is in cooldown (all profiles unavailable)', undefined],
  ['Provider anthropic is in cooldown (probe already attempted this run)', undefined],
  ['Provider anthropic is in cooldown (billing)', 'billing'],
  ['Provider anthropic is in cooldown (rate_limit)', 'rate_limited'],
  ['Provider anthropic has auth issue (skipping all models)', 'invalid_key'],
  ['Provider anthropic has auth_permanent issue (skipping all models)', 'permission_denied'],
  ['Provider anthropic has billing issue (skipping all models)', 'billing'],
  [
    'All models failed (2): anthropic/claude-opus-5: Provider anthropic is in cooldown (billing) | anthropic/claude-sonnet-5: Provider anthropic is in cooldown (billing)',
    'billing',
  ],
  [
    'MODEL_FALLBACK_SKIPPED: All models failed (2): anthropic/claude-opus-5: Provider anthropic is in cooldown (billing) (billing) | anthropic/claude-sonnet-5: Provider anthropic is in cooldown (billing) (billing)',
    'billing',
  ],
  [
    'auth profile failure state updated: runId=4d04e8ee-aafe-4edb-a828-7e2b6c0ba485 profile=sha256:154a23a3efe6 provider=anthropic reason=rate_limit window=cooldown reused=false',
    'rate_limited',
  ],
  [
    'auth profile failure state updated: runId=e0cc55af-b6f0-41ba-9f6d-bae64882e06f profile=sha256:154a23a3efe6 provider=anthropic reason=billing window=disabled reused=false',
    'billing',
  ],
  [
    'probing cooldowned auth profile for anthropic/claude-opus-5 due to rate_limit unavailability',
    'rate_limited',
  ],
  [
    'probing cooldowned auth profile for anthropic/claude-opus-5 due to overloaded unavailability',
    'overloaded',
  ],
  ['anthropic:default=sk-ant-a...key-0000 [cooldown 4m]', undefined],
  ['- anthropic:default: cooldown (4m) — Wait for cooldown or switch provider.', undefined],
  [
    '- anthropic:default: disabled:auth_permanent (50m) — Refresh or replace credentials, then retry.',
    'permission_denied',
  ],
];

describe('explain: message strings by label', () => {
  describe.each(BY_LABEL)('%s', (label, texts) => {
    it.each(texts.map((text) => [title(text), text] as const))('%s', (_title, text) => {
      expectLabel(text, label);
    });
  });

  describe('gateway_client_auth detail codes', () => {
    it.each(CLIENT_AUTH_CODES)('%s', (code) => {
      expectLabel(code, 'gateway_client_auth');
      // as `health --json` and `gateway status --json` show it
      expectLabel(
        `"details": { "code": "${code}", "canRetryWithDeviceToken": false }`,
        'gateway_client_auth',
      );
    });
  });

  describe('cooldown, with the cause the text names', () => {
    it.each(
      COOLDOWN.map(([text, cause]) => [`${title(text)} → ${cause ?? 'no cause'}`, text, cause] as const),
    )('%s', (_title, text, cause) => {
      expectLabel(text, 'cooldown', cause);
    });
  });
});

describe('explain: text pasted from chat', () => {
  const CHAT: ReadonlyArray<readonly [string, string, Label]> = [
    [
      'quote marker and ⚠️',
      '> ⚠️ anthropic/claude-opus-5 request failed (authentication failed, HTTP 401). Re-authenticate the provider and try again.',
      'invalid_key',
    ],
    [
      'lobster prefix',
      '🦞 ⚠️ Missing API key for provider "anthropic". Configure the gateway auth for that provider, then try again.',
      'missing_auth',
    ],
    [
      'Slack bold prefix',
      '*HTTP 403 permission_error:* Your API key does not have permission to use the specified resource.',
      'permission_denied',
    ],
    ['Slack bold message', '*⚠️ API rate limit reached. Please try again later.*', 'rate_limited'],
    [
      'Slack italic message',
      '_The AI service is temporarily overloaded. Please try again in a moment._',
      'overloaded',
    ],
    [
      'multi-line quote',
      '> *Gateway not reachable at ws://127.0.0.1:18789 (ECONNREFUSED).*\n> Start it with `openclaw gateway run` or check `openclaw gateway status`.',
      'gateway_down',
    ],
    [
      'code fence',
      '```\nunauthorized: gateway token mismatch (provide gateway auth token)\n```',
      'gateway_client_auth',
    ],
    ['leading and trailing whitespace', '\n\n   LLM request timed out.   \n\t\n', 'network'],
    ['CRLF line ends', 'HTTP 401 authentication_error: invalid x-api-key\r\n\r\n', 'invalid_key'],
    [
      'inline code',
      'my bot says `No API key found for provider "openrouter"` since the upgrade',
      'model_unavailable',
    ],
    [
      'chat message around the cooldown refusal',
      '🦞 *OpenClaw*: ⚠️ All models failed (2): anthropic/claude-opus-5: Provider anthropic is in cooldown (billing) | anthropic/claude-sonnet-5: Provider anthropic is in cooldown (billing)',
      'cooldown',
    ],
  ];

  it.each(CHAT.map(([name, text, label]) => ({ name, text, label })))('$name → $label', ({ text, label }) => {
    expectLabel(text, label, label === 'cooldown' ? 'billing' : undefined);
  });
});

describe('explain: JSON lines of the 2026.9.6 gateway log', () => {
  const LINES: ReadonlyArray<readonly [string, string, Label, Label | undefined]> = [
    ['invalid_key_401', '"event":"embedded_run_agent_end"', 'invalid_key', undefined],
    ['permission_403', '"event":"embedded_run_agent_end"', 'permission_denied', undefined],
    ['billing', '"event":"embedded_run_agent_end"', 'billing', undefined],
    ['overloaded_529', '"event":"embedded_run_agent_end"', 'overloaded', undefined],
    ['rate_limited_429', '"event":"embedded_run_agent_end"', 'rate_limited', undefined],
    ['model_unavailable', '"event":"embedded_run_agent_end"', 'model_unavailable', undefined],
    ['cooldown', 'probing cooldowned auth profile', 'cooldown', 'rate_limited'],
    ['cooldown', '"decision":"probe_cooldown_candidate"', 'cooldown', 'rate_limited'],
    ['missing_auth', 'No API key found for provider', 'missing_auth', undefined],
    ['model_unavailable_bad_id', 'No API key found for provider', 'model_unavailable', undefined],
    [
      'gateway_client_auth',
      'gateway connect failed: GatewayClientRequestError',
      'gateway_client_auth',
      undefined,
    ],
    ['gateway_client_auth', 'unauthorized conn=', 'gateway_client_auth', undefined],
    ['gateway_down', 'Gateway not reachable at ws://127.0.0.1:18789', 'gateway_down', undefined],
    ['malformed_config', 'Failed to read config at', 'config_invalid', undefined],
    ['malformed_config', 'OpenClaw config is invalid', 'config_invalid', undefined],
  ];

  it.each(LINES.map(([scenario, needle, label, cause]) => ({ scenario, needle, label, cause })))(
    '$scenario: line with $needle → $label',
    ({ scenario, needle, label, cause }) => {
      const line = captureLine(scenario, 'gateway_log_file.jsonl', needle);
      expect(line.startsWith('{')).toBe(true);
      const result = expectLabel(line, label, cause);
      // The evidence is the readable event, not the raw JSON line.
      expect(result.findings[0]?.evidence[0]?.text.startsWith('{')).toBe(false);
    },
  );
});

describe('explain: whole outputs pasted from the 2026.9.6 captures', () => {
  const OUTPUTS: ReadonlyArray<readonly [string, string, Label]> = [
    ['billing', 'agent.err', 'billing'],
    ['cooldown', 'agent_1.err', 'rate_limited'],
    ['gateway_client_auth', 'agent.err', 'gateway_client_auth'],
    ['gateway_client_auth', 'health_json.out', 'gateway_client_auth'],
    ['gateway_down', 'agent.err', 'gateway_down'],
    ['invalid_key_401', 'agent.err', 'invalid_key'],
    ['malformed_config', 'agent.err', 'config_invalid'],
    ['missing_auth', 'agent.err', 'missing_auth'],
    ['model_unavailable', 'agent.err', 'model_unavailable'],
    ['model_unavailable_bad_id', 'agent.err', 'model_unavailable'],
    // Same words as missing auth (docs/OPENCLAW.md section 2): text alone cannot tell the expired OAuth profile apart.
    ['oauth_refresh_failed', 'agent.err', 'missing_auth'],
    ['overloaded_529', 'agent.err', 'overloaded'],
    ['permission_403', 'agent.err', 'permission_denied'],
    ['rate_limited_429', 'agent.err', 'rate_limited'],
  ];

  it.each(OUTPUTS.map(([scenario, file, label]) => ({ scenario, file, label })))(
    '$scenario/$file → $label',
    ({ scenario, file, label }) => {
      expectLabel(captureFile(scenario, file), label);
    },
  );
});

describe('explain: benign or empty text is unknown', () => {
  const BENIGN = [
    'Workspace OK: ~/.openclaw/workspace',
    'slow SQLite session write',
    'tool-search: cataloged 54 tools behind compact prompt surface',
    'FAKE-OK: hello from the fake Anthropic server.',
    '[warning] core/doctor/node-hosting-preconditions gateway.bind - Gateway is only bound to loopback. Set gateway.bind=lan, enable tailscale serve, or configure plugins.entries.device-pair.config.publicUrl.',
    // failures that name no cause: saying "unknown" is the honest answer
    'LLM request failed with an unknown error.',
    '⚠️ Something went wrong while processing your request. Please try again, or use /new to start a fresh session.',
    '',
    '   ',
    '\n\t \n',
    '> ',
    '⚠️',
    '🦞',
  ];

  const check = (text: string): void => {
    const result = explain(text);
    expectVerdict(result, 'unknown');
    expect(result.verdict.confidence).toBe('low');
    expect(result.findings).toHaveLength(1);
    expect(result.findings[0]?.evidence).toEqual([]);
  };

  it.each(BENIGN.map((text) => [JSON.stringify(text), text] as const))('%s', (_title, text) => {
    check(text);
  });

  it.each([
    ['missing_auth', '"1":"slow SQLite session write"'],
    ['gateway_down', 'Workspace OK: ~/.openclaw/workspace'],
  ])('%s: JSON line with %s', (scenario, needle) => {
    check(captureLine(scenario, 'gateway_log_file.jsonl', needle));
  });
});

describe('explain: precedence between labels', () => {
  const PRECEDENCE: ReadonlyArray<readonly [string, string, Label, Label]> = [
    [
      'a 403 that also says "authentication failed"',
      '⚠️ anthropic/claude-opus-5 request failed (authentication failed, HTTP 403). Re-authenticate the provider and try again.',
      'permission_denied',
      'invalid_key',
    ],
    [
      '"Re-authenticate the provider" in a 401',
      '⚠️ anthropic/claude-opus-5 request failed (authentication failed, HTTP 401). Re-authenticate the provider and try again.',
      'invalid_key',
      'oauth_refresh_failed',
    ],
    [
      'connection refused by the provider',
      'LLM request failed: connection refused by the provider endpoint.',
      'network',
      'gateway_down',
    ],
    ['ECONNREFUSED to the gateway port', 'connect ECONNREFUSED 127.0.0.1:18789', 'gateway_down', 'network'],
    [
      'the auth profile migration code',
      'AUTH_PROFILE_MIGRATION_REQUIRED',
      'missing_auth',
      'gateway_client_auth',
    ],
    ['the gateway rate limiting a client', 'AUTH_RATE_LIMITED', 'gateway_client_auth', 'rate_limited'],
    ['a cooldown that names billing', 'Provider anthropic is in cooldown (billing)', 'cooldown', 'billing'],
    [
      'a missing key for the wrong provider',
      'No API key found for provider "openrouter"',
      'model_unavailable',
      'missing_auth',
    ],
    [
      'a client rejected while connecting',
      'gateway connect failed: GatewayClientRequestError: unauthorized: gateway token mismatch (provide gateway auth token)',
      'gateway_client_auth',
      'gateway_down',
    ],
    [
      'OAuth scope refused by Anthropic',
      'OAuth token does not meet scope requirement user:profile',
      'permission_denied',
      'oauth_refresh_failed',
    ],
  ];

  it.each(PRECEDENCE.map(([name, text, label, not]) => ({ name, text, label, not })))(
    '$name → $label, not $not',
    ({ text, label, not }) => {
      const result = explain(text);
      expect(result.verdict.label).toBe(label);
      expect(result.verdict.label).not.toBe(not);
      expect(result.verdict.owner).toBe(OWNER[label]);
      expect(result.findings.map((f) => f.label)).toEqual([label]);
    },
  );

  it('ranks a multi-line paste: the cooldown leads and names the failure before it', () => {
    const result = explain(
      [
        '20:39:28 HTTP 401 authentication_error: invalid x-api-key',
        '20:41:02 No available auth profile for anthropic (all in cooldown or unavailable).',
      ].join('\n'),
    );
    expectVerdict(result, 'cooldown', 'invalid_key');
    expect(result.verdict.confidence).toBe('medium');
    expect(result.findings.map((f) => f.label)).toEqual(['cooldown', 'invalid_key']);
  });

  it('ranks a multi-line paste: the wrong page outranks what the provider answered', () => {
    const result = explain(
      'LLM request timed out.\nunauthorized: gateway token mismatch (provide gateway auth token)\nGateway not reachable at ws://127.0.0.1:18789 (ECONNREFUSED)',
    );
    expectVerdict(result, 'gateway_down');
    expect(result.verdict.confidence).toBe('medium');
    expect(result.findings.map((f) => f.label)).toEqual(['gateway_down', 'gateway_client_auth', 'network']);
  });

  it('reads a cooldown state update as a cooldown with its reason as the cause', () => {
    const line = captureLine('cooldown', 'gateway_log_file.jsonl', 'auth_profile_failure_state_updated');
    expectVerdict(explain(line), 'cooldown', 'rate_limited');
  });

  it('lets the failure, not the cooldown it opened, decide when both are pasted', () => {
    const failure = captureLine('invalid_key_401', 'gateway_log_file.jsonl', 'embedded_run_agent_end');
    const state = captureLine(
      'invalid_key_401',
      'gateway_log_file.jsonl',
      'auth_profile_failure_state_updated',
    );
    const result = explain(`${failure}\n${state}`);
    expectVerdict(result, 'invalid_key');
    expect(result.findings.map((f) => f.label)).toEqual(['invalid_key', 'cooldown']);
  });

  it('reads a JSON log line as the log reader does: a catalog fetch failure says nothing of the route', () => {
    const line = captureLine(
      'model_unavailable_bad_id',
      'gateway_log_file.jsonl',
      'Failed to fetch OpenRouter models',
    );
    expectVerdict(explain(line), 'unknown');
  });
});

describe('explain: redaction', () => {
  const key = `sk-ant-api03-${randomBytes(30).toString('base64url')}`;

  it('uses a 40-character random key body', () => {
    expect(key).toMatch(/^sk-ant-api03-[A-Za-z0-9_-]{40}$/);
  });

  it.each([
    ['a message', `HTTP 401 authentication_error: invalid x-api-key (sent ${key})`, 'invalid_key'],
    [
      'a multi-line paste',
      `ANTHROPIC_API_KEY=${key}\n⚠️ anthropic/claude-opus-5 request failed (authentication failed, HTTP 401). Re-authenticate the provider and try again.\nkey was ${key}`,
      'invalid_key',
    ],
    ['text with no known failure', `here is my key: ${key}`, 'unknown'],
  ] as const)('removes the key from %s', (_name, text, label) => {
    const result = explain(text);
    expect(result.verdict.label).toBe(label);
    const json = JSON.stringify(result);
    expect(json).not.toContain(key);
    expect(json).not.toContain(key.slice('sk-ant-api03-'.length, -4));
  });

  it('removes the key from a JSON log line', () => {
    const line = captureLine(
      'invalid_key_401',
      'gateway_log_file.jsonl',
      '"event":"embedded_run_agent_end"',
    ).replace('invalid x-api-key', `invalid x-api-key ${key}`);
    expect(line).toContain(key);
    const result = explain(line);
    expect(result.verdict.label).toBe('invalid_key');
    expect(JSON.stringify(result)).not.toContain(key);
  });
});

/**
 * What a person (or, once approved, clawops) can do about a finding. Fixes that clawops may run
 * carry `runBy: 'clawops'`; the rest are exact commands for a person to copy.
 */
export type Fix = {
  readonly title: string;
  readonly runBy: 'clawops' | 'person';
  readonly commands: readonly string[];
  readonly why: string;
};

export const FIXES = {
  'restart-gateway': {
    title: 'Restart the gateway',
    runBy: 'clawops',
    commands: ['openclaw gateway restart'],
    why: 'Brings a stopped gateway back and makes it re-read its environment and config.',
  },
  'start-gateway': {
    title: 'Start the gateway',
    runBy: 'clawops',
    commands: ['openclaw gateway restart', 'journalctl --user -u openclaw-gateway.service -n 200 --no-pager'],
    why: 'Nothing listens on the gateway port; the journal says why it stopped.',
  },
  'start-gateway-by-hand': {
    title: 'Start the gateway by hand',
    runBy: 'person',
    commands: [
      'openclaw gateway run   # where it ran before: its shell, tmux or supervisor',
      'openclaw gateway install   # or: a systemd/launchd service, which clawops can start',
    ],
    why: 'No service manager runs this gateway, and `openclaw gateway restart` only signals a gateway that is still running: it cannot start a stopped one. To let clawops start it, run it as a service or set CLAWOPS_START_COMMAND on the worker.',
  },
  'doctor-fix': {
    title: 'Let OpenClaw repair its config and auth store',
    runBy: 'clawops',
    commands: ['openclaw doctor --fix --non-interactive'],
    why: 'Runs the safe migrations, including the import of legacy auth profiles into the SQLite store.',
  },
  'rotate-key': {
    title: 'Replace the Anthropic API key',
    runBy: 'person',
    commands: ['openclaw models auth paste-api-key --provider anthropic', 'openclaw gateway restart'],
    why: 'Anthropic rejected the key. Create a new key in the Anthropic Console first; a bot must not handle keys.',
  },
  'check-org-access': {
    title: 'Check what the key or account may use',
    runBy: 'person',
    commands: ['openclaw models status --json'],
    why: 'Anthropic answered 403: the organization or workspace of this key may not use this model or API.',
  },
  'add-auth': {
    title: 'Give the gateway Anthropic credentials',
    runBy: 'person',
    commands: ['openclaw models auth login --provider anthropic', 'openclaw models status --check'],
    why: 'No credential for Anthropic reaches this agent. After an upgrade, `openclaw doctor --fix` imports old profiles.',
  },
  'add-provider-key': {
    title: 'Give the fallback provider a credential',
    runBy: 'person',
    commands: ['openclaw models auth paste-api-key --provider <provider>', 'openclaw models status --check'],
    why: 'A fallback without a credential fails the moment traffic fails over to it.',
  },
  'add-agent-auth': {
    title: 'Give the agent its own credential',
    runBy: 'person',
    commands: [
      'openclaw models auth paste-api-key --provider anthropic --agent <agentId>',
      'openclaw models status --json --agent <agentId>',
    ],
    why: 'Until the agent has a credential for its own route, each of its turns fails before it reaches the provider.',
  },
  'reauth-oauth': {
    title: 'Sign in to Anthropic again',
    runBy: 'person',
    commands: ['openclaw models auth login --provider anthropic', 'openclaw models status --check'],
    why: 'The OAuth refresh token no longer works; only an interactive login replaces it (it also clears the lockout).',
  },
  'unset-env': {
    title: 'Remove the stale ANTHROPIC_* variable from the gateway environment',
    runBy: 'person',
    commands: [
      'systemctl --user edit openclaw-gateway.service   # delete the Environment=ANTHROPIC_… line',
      'grep -n ANTHROPIC_ ~/.openclaw/.env ~/.config/openclaw/gateway.env 2>/dev/null',
      'openclaw gateway restart',
    ],
    why: 'A variable in the service environment disagrees with the configured credential or endpoint.',
  },
  'fix-model-id': {
    title: 'Point the agent at a model the provider serves',
    runBy: 'person',
    commands: [
      'openclaw models list --provider anthropic',
      'openclaw config get agents.defaults.model',
      'openclaw config set agents.defaults.model.primary anthropic/<model-id>',
    ],
    why: 'The configured model id, provider prefix or base URL does not name a model Anthropic serves.',
  },
  'top-up-billing': {
    title: 'Top up Anthropic credits',
    runBy: 'person',
    commands: [
      'openclaw models auth login --provider anthropic   # after the top-up: clears the billing lockout',
    ],
    why: 'Anthropic refused for billing; OpenClaw disables the profile for hours, so clear the lockout after paying.',
  },
  'wait-rate-limit': {
    title: 'Wait for the rate limit, or add capacity',
    runBy: 'person',
    commands: ['openclaw models status --json', 'openclaw config get agents.defaults.model.fallbacks'],
    why: 'Anthropic is throttling this key; a second profile or a fallback model spreads the load.',
  },
  'wait-overload': {
    title: 'Wait and retry; Anthropic is overloaded',
    runBy: 'person',
    commands: ['openclaw config get agents.defaults.model.fallbacks'],
    why: 'Overload (529) is on the provider side; a fallback model keeps the agent answering meanwhile.',
  },
  'clear-cooldown': {
    title: 'Clear the stored cooldown once the cause is fixed',
    runBy: 'clawops',
    commands: ['openclaw models auth clear-cooldown <profileId>'],
    why: 'Cooldown state survives a gateway restart; clear it only after the first failure is fixed.',
  },
  'fix-gateway-token': {
    title: 'Make the client and the gateway agree on gateway auth',
    runBy: 'person',
    commands: [
      'openclaw config get gateway.auth.token',
      'openclaw config get gateway.remote.token',
      'openclaw devices list',
    ],
    why: 'The gateway refused the client before any model call: fix gateway auth first, then retest Anthropic.',
  },
  'fix-config': {
    title: 'Repair the OpenClaw config file',
    runBy: 'person',
    commands: ['openclaw config validate', 'openclaw doctor --fix --non-interactive'],
    why: 'OpenClaw cannot read its config, so every command and the gateway reload fail.',
  },
  'check-network': {
    title: 'Check the route from the gateway host to Anthropic',
    runBy: 'person',
    commands: [
      'curl -sS -o /dev/null -w "%{http_code}\\n" https://api.anthropic.com/v1/messages',
      'env | grep -i proxy',
    ],
    why: 'The request did not reach Anthropic: DNS, proxy, firewall or a timeout on the way.',
  },
  'install-openclaw': {
    title: 'Install OpenClaw on the worker host, or point clawops at it',
    runBy: 'person',
    commands: ['npm install -g openclaw', 'export OPENCLAW_BIN=/path/to/openclaw'],
    why: 'clawops runs the `openclaw` CLI to diagnose; it could not start it.',
  },
  rediagnose: {
    title: 'Diagnose again',
    runBy: 'clawops',
    commands: ['clawops diagnose'],
    why: 'Confirms the state after a change.',
  },
} as const satisfies Record<string, Fix>;

export type FixId = keyof typeof FIXES;

import { describe, expect, it } from 'vitest';
import { readRoutesConfig } from '../../../src/engine/agents-config.js';
import { diagnose } from '../../../src/engine/diagnose.js';
import { failoverChain } from '../../../src/engine/failover-chain.js';
import type { Observations, ProbeRun } from '../../../src/engine/observations.js';
import { parseModelsStatusJson } from '../../../src/engine/parse/models-status.js';
import { capture } from '../../support/scenario.js';

const modelsRun = (stdout: string, agent?: string): ProbeRun => ({
  name: 'models-status',
  argv: ['openclaw', 'models', 'status', '--json', ...(agent ? ['--agent', agent] : [])],
  format: 'json',
  exitCode: 0,
  stdout,
  stderr: '',
  durationMs: 10,
  timedOut: false,
});

/** What a worker saw: the captured `models status --json` and a config as the gateway loaded it. */
const observed = (config: unknown, models: string, over: Partial<Observations> = {}): Observations => ({
  host: 'gw-1',
  startedAt: new Date('2026-12-01T12:05:00Z'),
  durationMs: 5,
  probes: [modelsRun(models)],
  config: { path: '/home/operator/.openclaw/openclaw.json', text: JSON.stringify(config) },
  notes: [],
  knownSecrets: [],
  ...over,
});

/** The real capture: anthropic:default disabled for billing, openai/gpt-5 keyed in the provider config. */
const FALLBACK_OK = capture('routes_fallback_ok', 'models_status_json.out');
/** The real capture of agent `work`, whose model routes to openai, which has no key. */
const WORK_NO_KEY = capture('routes_agent_no_auth', 'models_status_json_agent_work.out');

const providers = { anthropic: { baseUrl: 'http://127.0.0.1:18999' }, openai: { models: [{ id: 'gpt-5' }] } };

describe('the failover chain from the config', () => {
  it('takes the default primary and fallbacks in order, and main when no agent is listed', () => {
    const c = readRoutesConfig({
      agents: {
        defaults: { model: { primary: 'anthropic/claude-opus-5', fallbacks: ['openai/gpt-5', 'x/y'] } },
      },
    });
    expect(c.defaults).toEqual({ primary: 'anthropic/claude-opus-5', fallbacks: ['openai/gpt-5', 'x/y'] });
    expect(c.agents).toEqual([{ id: 'main', isDefault: true, chain: c.defaults, overridesDefault: false }]);
  });

  it('gives an agent that overrides the default its own chain: a string model is strict, without fallbacks', () => {
    const c = readRoutesConfig({
      agents: {
        defaults: { model: { primary: 'anthropic/claude-opus-5', fallbacks: ['openai/gpt-5'] } },
        entries: {
          main: {},
          work: { default: true, model: 'openai/gpt-5' },
          ops: { model: { primary: 'anthropic/claude-sonnet-5', fallbacks: ['anthropic/claude-opus-5'] } },
          lab: { model: { primary: 'anthropic/claude-haiku-4-5' } },
        },
      },
    });
    expect(
      c.agents.map((a) => [a.id, a.isDefault, a.chain.primary, a.chain.fallbacks, a.overridesDefault]),
    ).toEqual([
      ['main', false, 'anthropic/claude-opus-5', ['openai/gpt-5'], false],
      ['work', true, 'openai/gpt-5', [], true],
      ['ops', false, 'anthropic/claude-sonnet-5', ['anthropic/claude-opus-5'], true],
      ['lab', false, 'anthropic/claude-haiku-4-5', [], true],
    ]);
  });

  it('reads the older agents.list roster and ignores shapes it does not know', () => {
    const c = readRoutesConfig({
      agents: {
        defaults: { model: 'anthropic/claude-opus-5' },
        list: [{ id: 'a' }, { id: 'b', default: true }, 7],
      },
      models: { providers: { openai: { models: [{ id: 'gpt-5' }] } } },
    });
    expect(c.agents.map((a) => [a.id, a.isDefault, a.chain.primary])).toEqual([
      ['a', false, 'anthropic/claude-opus-5'],
      ['b', true, 'anthropic/claude-opus-5'],
    ]);
    expect([...c.providers]).toEqual(['openai']);
    expect(readRoutesConfig('not a config').agents.map((a) => a.id)).toEqual(['main']);
  });
});

describe('routes in a diagnosis', () => {
  it('lists primary then fallbacks with state and fingerprints, and a fallback naming an unknown provider', () => {
    const d = diagnose(
      observed(
        {
          models: { providers },
          agents: {
            defaults: {
              model: { primary: 'anthropic/claude-opus-5', fallbacks: ['openai/gpt-5', 'nosuch/model-x'] },
            },
          },
        },
        FALLBACK_OK,
      ),
    );
    expect(d.routes.map((r) => [`${r.provider}/${r.model}`, r.role, r.state, r.reason])).toEqual([
      ['anthropic/claude-opus-5', 'primary', 'disabled', 'billing'],
      ['openai/gpt-5', 'fallback', 'usable', null],
      ['nosuch/model-x', 'fallback', 'provider_not_configured', 'no provider "nosuch" is configured'],
    ]);
    expect(d.routes[0]?.auth).toEqual({
      source: 'profile',
      profileId: 'anthropic:default',
      fingerprint: expect.stringMatching(/^sk-ant-a…0000#[0-9a-f]{8}$/),
    });
    expect(d.routes[0]?.until).toBe('2026-12-01T12:11:57.187Z');
    expect(d.routes[1]?.auth).toEqual({
      source: 'config',
      fingerprint: expect.stringMatching(/^sk-proj-…0000#/),
    });
    expect(JSON.stringify(d)).not.toContain('sk-proj-FAKE');
    expect(d.failover).toEqual({
      agent: 'main',
      next: 'openai/gpt-5',
      usable: true,
      conclusion: 'anthropic is disabled (billing); traffic goes to openai/gpt-5 — usable',
    });
    // The Anthropic verdict leads; the broken fallback is a finding of its own, with its provider.
    expect(d.verdict.label).toBe('billing');
    expect(d.findings.map((f) => [f.label, f.provider ?? null])).toEqual([
      ['billing', null],
      ['model_unavailable', 'nosuch'],
    ]);
  });

  it('follows the diagnosed agent that overrides the default, and says nothing takes over', () => {
    const config = {
      models: { providers },
      agents: {
        defaults: { model: { primary: 'anthropic/claude-opus-5', fallbacks: ['openai/gpt-5'] } },
        entries: { main: { default: true }, work: { model: 'openai/gpt-5' } },
      },
    };
    const d = diagnose(observed(config, WORK_NO_KEY, { agent: 'work' }));
    expect(d.routes.map((r) => [`${r.provider}/${r.model}`, r.role, r.state])).toEqual([
      ['openai/gpt-5', 'primary', 'missing_credential'],
    ]);
    expect(d.failover?.conclusion).toBe(
      'no usable route: openai/gpt-5 has no credential and no fallback is configured',
    );
    expect(d.failover?.agent).toBe('work');
  });

  it('says there is no usable fallback when every route would fail', () => {
    const locked = JSON.parse(FALLBACK_OK);
    locked.auth.missingProvidersInUse = ['anthropic', 'openai'];
    locked.auth.providers = locked.auth.providers.filter(
      (p: { provider: string }) => p.provider === 'anthropic',
    );
    const d = diagnose(
      observed(
        { models: { providers }, agents: { defaults: { model: { fallbacks: ['openai/gpt-5'] } } } },
        JSON.stringify(locked),
      ),
    );
    expect(d.routes.map((r) => r.state)).toEqual(['disabled', 'missing_credential']);
    expect(d.failover).toMatchObject({
      usable: false,
      conclusion: 'no usable fallback: every route would fail',
    });
    expect(d.findings.find((f) => f.provider === 'openai')).toMatchObject({
      label: 'missing_auth',
      title: 'Fallback openai/gpt-5: no credential',
      fixes: ['add-provider-key'],
    });
  });
});

describe('ranking', () => {
  it('puts the broken route first when the Anthropic route is healthy but the chain cannot take a turn', () => {
    const healthyAnthropic = capture('routes_fallback_no_key', 'models_status_json.out');
    const d = diagnose(
      observed(
        // The agent's chain never reaches Anthropic: its only route is openai/gpt-5, without a key.
        {
          models: { providers },
          agents: { defaults: { model: { primary: 'openai/gpt-5', fallbacks: [] } } },
        },
        healthyAnthropic,
        { port: { host: '127.0.0.1', port: 18789, state: 'open', durationMs: 1 } },
      ),
    );
    expect(d.verdict.label).toBe('healthy');
    expect(d.verdict.summary).toBe(
      'The Anthropic route is healthy, but traffic breaks on another route: Primary openai/gpt-5: no credential.',
    );
    expect(d.findings.map((f) => [f.label, f.provider ?? null])).toEqual([
      ['missing_auth', 'openai'],
      ['healthy', null],
    ]);
  });
});

describe('agents in a diagnosis', () => {
  it('finds the agent without an Anthropic credential that the main agent has, with the command', () => {
    const missing = JSON.parse(FALLBACK_OK);
    missing.agentId = 'work';
    missing.auth.providers = [];
    missing.auth.unusableProfiles = [];
    missing.auth.missingProvidersInUse = ['anthropic'];
    const config = {
      models: { providers },
      agents: {
        defaults: { model: { primary: 'anthropic/claude-opus-5' } },
        entries: { main: { default: true }, work: {} },
      },
    };
    const healthy = JSON.parse(FALLBACK_OK);
    healthy.auth.unusableProfiles = [];
    healthy.auth.missingProvidersInUse = [];
    const d = diagnose(
      observed(config, JSON.stringify(healthy), {
        port: { host: '127.0.0.1', port: 18789, state: 'open', durationMs: 1 },
        agentProbes: [{ agent: 'work', run: modelsRun(JSON.stringify(missing), 'work') }],
      }),
    );
    expect(d.agents).toEqual([
      { id: 'main', isDefault: true, primary: 'anthropic/claude-opus-5', credential: 'profile' },
      { id: 'work', isDefault: false, primary: 'anthropic/claude-opus-5', credential: 'missing' },
    ]);
    const finding = d.findings.find((f) => f.agent === 'work');
    expect(finding).toMatchObject({
      label: 'missing_auth',
      provider: 'anthropic',
      title: 'Agent work has no Anthropic credential, the main agent does',
      fixes: ['add-agent-auth'],
    });
    expect(finding?.evidence.map((e) => e.text)).toContain(
      'give it one: openclaw models auth paste-api-key --provider anthropic --agent work',
    );
    // Only the Anthropic route decides the label, and it is healthy: the agent's finding comes after.
    expect(d.verdict.label).toBe('healthy');
    expect(d.findings[0]?.label).toBe('healthy');
    expect(d.probes.map((p) => p.argv.join(' '))).toContain('openclaw models status --json --agent work');
  });
});

describe('the chain the cooldown watcher reads', () => {
  it('marks the disabled primary unusable and the keyed fallback usable', () => {
    const status = parseModelsStatusJson(FALLBACK_OK) ?? expect.fail('capture does not parse');
    expect(failoverChain(status)).toEqual([
      { route: 'anthropic/claude-opus-5', provider: 'anthropic', usable: false },
      { route: 'openai/gpt-5', provider: 'openai', usable: true },
    ]);
  });
});

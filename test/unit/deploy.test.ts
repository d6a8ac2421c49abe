import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Ajv, type ErrorObject } from 'ajv';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadConfig } from '../../src/config.js';
import { ENV_KEYS } from '../../src/config-schema.js';
import { ROOT } from '../support/scenario.js';

/*
 * The deployment files (Dockerfile, Compose files, systemd units, Slack manifest, .env.example)
 * against the Compose Specification, against each other and against the README and src/config.ts.
 *
 * test/fixtures/compose-spec.json is the Compose Specification JSON schema (draft-07,
 * $id compose_spec.json) as shipped, unchanged, in the npm package dclint 3.1.0
 * (schemas/compose.schema.json, sha256 46b7d35f19dd93a05f8fea530291bf84d881c1791ec167ecf0e6fb94e639d496),
 * which carries the compose-spec project's schema/compose-spec.json. Biome leaves it as it is.
 */

const read = (file: string): string => readFileSync(join(ROOT, file), 'utf8');

type Service = {
  readonly build?: { readonly context?: string; readonly target?: string; readonly args?: unknown } | string;
  readonly image?: string;
  readonly command?: readonly string[];
  readonly env_file?: string | readonly string[];
  readonly environment?: Readonly<Record<string, string>>;
  readonly depends_on?: Readonly<Record<string, { readonly condition?: string }>>;
  readonly healthcheck?: { readonly test?: readonly string[] };
  readonly restart?: string;
  readonly stop_grace_period?: string;
  readonly pid?: string;
  readonly network_mode?: string;
  readonly volumes?: readonly string[];
};
type Compose = { readonly services: Readonly<Record<string, Service>> };

const yamlOf = (file: string): unknown => parse(read(file));
const composeOf = (file: string): Compose => yamlOf(file) as Compose;
const service = (c: Compose, name: string): Service => {
  const s = c.services[name];
  if (!s) throw new Error(`no service ${name}`);
  return s;
};

function composeValidator(): (doc: unknown) => readonly ErrorObject[] {
  const schema = JSON.parse(read('test/fixtures/compose-spec.json')) as { $schema: string };
  const require = createRequire(import.meta.url);
  const draft07 = require('ajv/dist/refs/json-schema-draft-07.json') as Record<string, unknown>;
  // The schema names draft-07 by its https address; Ajv knows the meta-schema by the http one.
  const ajv = new Ajv({ allErrors: true, strict: true, strictTypes: false });
  ajv.addMetaSchema({ ...draft07, $id: schema.$schema });
  const validate = ajv.compile(schema);
  return (doc) => (validate(doc) ? [] : [...(validate.errors ?? [])]);
}

/** `10s`, `1m30s`, `40s` (Compose durations) or `40s`, `1min` (systemd time spans) in ms. */
function durationMs(text: string): number {
  const units: Record<string, number> = { ms: 1, s: 1000, sec: 1000, m: 60_000, min: 60_000, h: 3_600_000 };
  let total = 0;
  for (const m of text.matchAll(/(\d+(?:\.\d+)?)\s*(ms|sec|min|s|m|h)?/g))
    total += Number(m[1]) * (units[m[2] ?? 's'] ?? Number.NaN);
  return total;
}

/** The stages of a Dockerfile: name, base, and each instruction's last occurrence (JSON forms parsed). */
type Stage = { readonly name: string; readonly from: string; readonly lines: readonly string[] };
function dockerStages(text: string): Stage[] {
  const stages: { name: string; from: string; lines: string[] }[] = [];
  for (const raw of text.replace(/\\\n/g, ' ').split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const from = /^FROM\s+(\S+)(?:\s+AS\s+(\S+))?/i.exec(line);
    if (from) stages.push({ name: from[2] ?? String(stages.length), from: from[1] as string, lines: [] });
    else stages.at(-1)?.lines.push(line);
  }
  return stages;
}
function instruction(stage: Stage, name: string): unknown {
  const line = stage.lines.findLast((l) => l.toUpperCase().startsWith(`${name} `));
  return line === undefined ? undefined : JSON.parse(line.slice(name.length + 1));
}

/** The clawops CLI the package installs (`bin.clawops`), e.g. dist/src/cli/main.js. */
const CLI = (JSON.parse(read('package.json')) as { bin: { clawops: string } }).bin.clawops;

/** The command line an image runs for a Compose service: `clawops <verb>` when its entrypoint is the CLI. */
function composeCommandLine(entrypoint: unknown, command: readonly string[]): string {
  const isCli =
    Array.isArray(entrypoint) &&
    ((entrypoint.length === 2 && entrypoint[0] === 'node' && String(entrypoint[1]).endsWith(CLI)) ||
      (entrypoint.length === 1 && entrypoint[0] === 'clawops'));
  return [isCli ? 'clawops' : JSON.stringify(entrypoint), ...command].join(' ');
}

/** The `clawops bot` / `clawops worker` commands in the README's shell code blocks. */
function readmeCommands(): Set<string> {
  const out = new Set<string>();
  for (const block of read('README.md').matchAll(/^```(?:bash|sh|shell)\n([\s\S]*?)^```/gm))
    for (const m of (block[1] as string).matchAll(/(?:^|[\s;&|])(clawops (?:bot|worker))(?=$|[\s;&|#])/gm))
      out.add(m[1] as string);
  return out;
}

/** A systemd unit as section -> key -> values (in order). */
function unit(file: string): Map<string, Map<string, string[]>> {
  const sections = new Map<string, Map<string, string[]>>();
  let current: Map<string, string[]> | undefined;
  for (const raw of read(file).replace(/\\\n/g, ' ').split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith(';')) continue;
    const section = /^\[(.+)\]$/.exec(line);
    if (section) {
      current = new Map();
      sections.set(section[1] as string, current);
      continue;
    }
    const eq = line.indexOf('=');
    if (!current || eq < 0) throw new Error(`${file}: cannot read "${line}"`);
    const key = line.slice(0, eq).trim();
    current.set(key, [...(current.get(key) ?? []), line.slice(eq + 1).trim()]);
  }
  return sections;
}
const value = (u: Map<string, Map<string, string[]>>, section: string, key: string): string | undefined =>
  u.get(section)?.get(key)?.at(-1);

/** The variables of the configuration schema. */
const schemaKeys = async (): Promise<string[]> => [...ENV_KEYS];

const GRACE_MS = loadConfig({}).workerStopGraceMs;

describe('Compose files', () => {
  const validate = composeValidator();

  it.each(['docker-compose.yml', 'docker-compose.openclaw.yml'])(
    '%s follows the Compose Specification',
    (file) => {
      expect(validate(yamlOf(file))).toEqual([]);
    },
  );

  it('rejects a broken Compose file, so the schema check can fail', () => {
    const broken = structuredClone(yamlOf('docker-compose.yml')) as {
      services: Record<string, Record<string, unknown>>;
    };
    const bot = broken.services.bot as Record<string, unknown>;
    bot.comand = ['bot'];
    bot.depends_on = { redis: { condition: 'healthy' } };
    bot.ports = 3000;
    const errors = validate(broken);
    expect(errors.map((e) => e.instancePath)).toEqual(
      expect.arrayContaining([
        '/services/bot',
        '/services/bot/depends_on/redis/condition',
        '/services/bot/ports',
      ]),
    );
    expect(validate({ services: { x: { image: 'redis', restart: 7 } } })).not.toEqual([]);
  });

  it('keeps Redis durable and never evicting, with a health check', () => {
    const redis = service(composeOf('docker-compose.yml'), 'redis');
    const command = (redis.command ?? []).join(' ');
    expect(command).toMatch(/--appendonly yes\b/);
    expect(command).toMatch(/--maxmemory-policy noeviction\b/);
    expect(redis.healthcheck?.test?.length).toBeGreaterThan(0);
  });

  it('runs the bot and the worker from one image, after Redis is healthy, with .env and restarts', () => {
    const compose = composeOf('docker-compose.yml');
    const bot = service(compose, 'bot');
    const worker = service(compose, 'worker');
    expect(bot.image).toBeTruthy();
    expect(worker.image).toBe(bot.image);
    expect(worker.build).toEqual(bot.build);
    for (const s of [bot, worker]) {
      expect(s.depends_on?.redis?.condition).toBe('service_healthy');
      expect(s.env_file).toBe('.env');
      expect(s.restart).toMatch(/^(?:always|unless-stopped|on-failure)/);
      expect(s.environment?.REDIS_URL).toBe('redis://redis:6379');
    }
    // Compose's SIGKILL must come after the worker's own grace on SIGTERM.
    expect(durationMs(worker.stop_grace_period ?? '10s')).toBeGreaterThan(GRACE_MS);
  });

  it('builds every Compose target from a stage of the Dockerfile', () => {
    const stages = dockerStages(read('Dockerfile')).map((s) => s.name);
    for (const file of ['docker-compose.yml', 'docker-compose.openclaw.yml'])
      for (const [name, s] of Object.entries(composeOf(file).services)) {
        if (typeof s.build !== 'object' || s.build.target === undefined) continue;
        expect(stages, `${file}: ${name}`).toContain(s.build.target);
      }
  });

  it('runs the OpenClaw variant worker beside the gateway: namespaces, volumes, compose restart', () => {
    const compose = composeOf('docker-compose.openclaw.yml');
    const worker = service(compose, 'worker');
    const env = worker.environment ?? {};
    expect(env.CLAWOPS_RESTART_METHOD).toBe('compose');
    const gatewayName = env.CLAWOPS_COMPOSE_SERVICE as string;
    expect(gatewayName).toBe('openclaw-gateway');
    const gateway = service(compose, gatewayName);
    expect(gateway.image).not.toBe(worker.image);
    // One pid and network namespace for both.
    expect(worker.pid).toMatch(/^service:/);
    expect(gateway.pid).toBe(worker.pid);
    expect(gateway.network_mode).toBe(worker.network_mode);
    // The gateway's state and log folders, the same volumes in both.
    const mountOf = (s: Service, target: string) => s.volumes?.find((v) => v.split(':')[1] === target);
    for (const target of ['/home/node/.openclaw', '/tmp/openclaw']) {
      expect(mountOf(gateway, target), target).toBeDefined();
      expect(mountOf(worker, target)).toBe(mountOf(gateway, target));
    }
    expect(worker.volumes).toContain('/var/run/docker.sock:/var/run/docker.sock');
    // docker compose inside the worker finds both files of the project.
    for (const file of (env.COMPOSE_FILE ?? '').split(':'))
      expect(existsSync(join(ROOT, file.replace(/^\/srv\/clawops\//, '')))).toBe(true);
    expect(worker.depends_on?.[gatewayName]).toBeDefined();
  });
});

describe('the commands the README names', () => {
  const stages = dockerStages(read('Dockerfile'));
  const final = stages.at(-1) as Stage;

  it('names clawops bot and clawops worker in its shell blocks', () => {
    expect([...readmeCommands()].sort()).toEqual(['clawops bot', 'clawops worker']);
  });

  it('builds an image whose entrypoint is the clawops CLI, bot by default, not as root', () => {
    expect(composeCommandLine(instruction(final, 'ENTRYPOINT'), [])).toBe('clawops');
    expect(instruction(final, 'CMD')).toEqual(['bot']);
    const user = final.lines.findLast((l) => /^USER /i.test(l));
    expect(user).toBeDefined();
    expect(user).not.toMatch(/^USER\s+(?:root|0)(?::|$)/i);
    const all = stages.flatMap((s) => s.lines).join('\n');
    expect(all).toMatch(/npm ci\b[^\n]*--omit=dev/);
    expect(all).toMatch(/npm run build/);
    expect(existsSync(join(ROOT, CLI.replace(/^dist\//, '').replace(/\.js$/, '.ts')))).toBe(true);
  });

  it.each([
    ['bot', 'docker-compose.yml'],
    ['worker', 'docker-compose.yml'],
    ['worker', 'docker-compose.openclaw.yml'],
  ])('starts clawops %s in %s as the README does', (verb, file) => {
    const compose = composeOf(file);
    const s = service(compose, verb);
    // The override may change the image (build target) but not the command, which it inherits.
    const base = service(composeOf('docker-compose.yml'), verb);
    const target = typeof s.build === 'object' ? s.build.target : undefined;
    const stage = target ? stages.find((x) => x.name === target) : final;
    expect(stage, `stage ${target}`).toBeDefined();
    const line = composeCommandLine(
      instruction(stage as Stage, 'ENTRYPOINT'),
      s.command ?? base.command ?? [],
    );
    expect(line).toBe(`clawops ${verb}`);
    expect(readmeCommands()).toContain(line);
  });

  it.each([
    ['deploy/systemd/clawops-worker.service', 'worker'],
    ['deploy/systemd/clawops-bot.service', 'bot'],
    ['deploy/systemd/user/clawops-worker.service', 'worker'],
    ['deploy/systemd/user/clawops-bot.service', 'bot'],
  ])('%s starts clawops %s, stops it gently, restarts it on failure', (file, verb) => {
    const u = unit(file);
    const exec = value(u, 'Service', 'ExecStart') ?? '';
    expect(exec).toMatch(new RegExp(`(?:^|\\s|/)clawops ${verb}$`));
    expect(readmeCommands()).toContain(`clawops ${verb}`);
    expect(value(u, 'Service', 'Restart')).toBe('on-failure');
    expect(value(u, 'Service', 'KillSignal')).toBe('SIGTERM');
    expect(durationMs(value(u, 'Service', 'TimeoutStopSec') ?? '90s')).toBeGreaterThan(GRACE_MS);
    // Node's JIT needs writable executable memory.
    expect(value(u, 'Service', 'MemoryDenyWriteExecute') ?? 'no').toBe('no');
    const system = !file.includes('/user/');
    expect(value(u, 'Service', 'EnvironmentFile')).toBe(
      system ? '/etc/clawops/clawops.env' : '%h/.config/clawops/clawops.env',
    );
    expect(value(u, 'Install', 'WantedBy')).toBe(system ? 'multi-user.target' : 'default.target');
    if (system) expect(value(u, 'Service', 'User')).toMatch(/^[a-z_][a-z0-9_-]*$/);
    else expect(value(u, 'Service', 'User')).toBeUndefined();
  });

  it("leaves the worker what it reads as the gateway's user: /tmp, the home folder, /proc", () => {
    const u = unit('deploy/systemd/clawops-worker.service');
    expect(value(u, 'Service', 'PrivateTmp') ?? 'no').toBe('no');
    expect(value(u, 'Service', 'ProtectHome') ?? 'no').toBe('no');
    expect(value(u, 'Service', 'DynamicUser') ?? 'no').toBe('no');
    expect(value(u, 'Service', 'ProtectProc') ?? 'default').toBe('default');
    expect(value(u, 'Service', 'KillMode')).toBe('mixed');
  });
});

describe('Slack app manifest', () => {
  type Manifest = {
    features: {
      slash_commands: { command: string; url?: string; usage_hint?: string; should_escape?: boolean }[];
      bot_user?: { display_name?: string };
    };
    oauth_config: { scopes: { bot: string[] } };
    settings: {
      interactivity: { is_enabled: boolean; request_url?: string };
      socket_mode_enabled: boolean;
      org_deploy_enabled: boolean;
    };
  };
  const manifest = yamlOf('deploy/slack-app-manifest.yml') as Manifest;

  it('declares /claw, the command the Slack adapter handles, at the bot request URL', () => {
    const claw = manifest.features.slash_commands.find((c) => c.command === '/claw');
    expect(claw).toBeDefined();
    expect(claw?.url).toMatch(/^https:\/\/[^/]+\/slack\/events$/);
    expect(claw?.should_escape).toBe(false);
    expect(claw?.usage_hint).toBeTruthy();
    expect(read('adapters/slack/index.ts')).toContain(`app.command('${claw?.command}'`);
    expect(manifest.features.bot_user?.display_name).toBe('clawops');
  });

  it('sends button clicks to the same URL and asks for the scopes the bot uses', () => {
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    expect(manifest.settings.interactivity.request_url).toMatch(/\/slack\/events$/);
    expect(manifest.settings.socket_mode_enabled).toBe(false);
    expect(manifest.settings.org_deploy_enabled).toBe(false);
    expect(manifest.oauth_config.scopes.bot).toEqual(
      expect.arrayContaining(['commands', 'chat:write', 'usergroups:read']),
    );
  });
});

describe('.env.example', () => {
  const text = read('.env.example');
  const lines = text.split('\n');
  /** Assignments, set (`NAME=…`) or shown unset (`#NAME=…`). */
  const entries = lines.flatMap((line, i) => {
    const m = /^#?([A-Z][A-Z0-9_]*)=(.*)$/.exec(line);
    return m
      ? [{ key: m[1] as string, value: m[2] as string, set: !line.startsWith('#'), above: lines[i - 1] }]
      : [];
  });

  it('reads the keys of EnvSchema, all of them', async () => {
    const keys = await schemaKeys();
    expect(keys.length).toBeGreaterThan(30);
    expect(keys).toEqual(expect.arrayContaining(['OPENCLAW_BIN', 'REDIS_URL', 'OPENCLAW_PROFILE']));
  });

  it('names every variable of src/config.ts, and nothing else, once each', async () => {
    const keys = await schemaKeys();
    const named = entries.map((e) => e.key);
    expect(new Set(named).size).toBe(named.length);
    expect(keys.filter((k) => !named.includes(k))).toEqual([]);
    expect(named.filter((k) => !keys.includes(k))).toEqual([]);
  });

  it('says what each one is, on the line above', () => {
    for (const e of entries) expect(e.above, e.key).toMatch(/^# \S/);
  });

  it('shows values clawops accepts, and sets no secret', () => {
    for (const e of entries) {
      if (e.value !== '') expect(() => loadConfig({ [e.key]: e.value }), `${e.key}=${e.value}`).not.toThrow();
      if (/TOKEN|SECRET/.test(e.key)) expect(e.value, e.key).toBe('');
      // An empty assignment is an empty string, which most settings reject: unset ones stay commented.
      if (e.set) expect(e.value, e.key).not.toBe('');
    }
  });
});

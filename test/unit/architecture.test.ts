import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../support/scenario.js';

function sourceFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((d) => {
    const path = join(dir, d.name);
    return d.isDirectory() ? sourceFiles(path) : d.name.endsWith('.ts') ? [path] : [];
  });
}

const read = (file: string): string => readFileSync(join(ROOT, file), 'utf8');
const importsOf = (file: string): string[] =>
  [...read(file).matchAll(/^(?:import|export)[^'"]*from\s+'([^']+)'/gm)].map((m) => m[1] as string);

/** The repository files `file` imports by a relative path (`./x.js` is `x.ts`), type-only imports too. */
const localImportsOf = (file: string): string[] =>
  importsOf(file)
    .filter((spec) => spec.startsWith('.'))
    .map((spec) => relative(ROOT, join(ROOT, dirname(file), spec)).replace(/\.js$/, '.ts'));

/** The first import cycle among `files`, as the path that closes it (`[a, b, a]`); `null` when none. */
function findCycle(files: readonly string[]): string[] | null {
  const known = new Set(files);
  const done = new Set<string>();
  const path: string[] = [];
  const visit = (file: string): string[] | null => {
    const at = path.indexOf(file);
    if (at >= 0) return [...path.slice(at), file];
    if (done.has(file)) return null;
    path.push(file);
    for (const next of localImportsOf(file).filter((f) => known.has(f))) {
      const cycle = visit(next);
      if (cycle) return cycle;
    }
    path.pop();
    done.add(file);
    return null;
  };
  for (const file of files) {
    const cycle = visit(file);
    if (cycle) return cycle;
  }
  return null;
}

const SRC = sourceFiles('src');
const ADAPTERS = sourceFiles('adapters');
const COMMANDS = sourceFiles('commands');

describe('architecture', () => {
  it('keeps the diagnosis engine pure: zod, json5 and node:crypto only, nothing outside the engine', () => {
    for (const file of SRC.filter((f) => f.startsWith('src/engine/'))) {
      for (const spec of importsOf(file)) {
        const ok =
          ['zod', 'json5', 'node:crypto'].includes(spec) ||
          (spec.startsWith('.') && !spec.startsWith('../../'));
        expect(ok, `${file} imports ${spec}`).toBe(true);
        if (spec.startsWith('..')) {
          const target = relative(ROOT, join(ROOT, file, '..', spec));
          expect(target.startsWith('src/engine/'), `${file} imports ${spec}`).toBe(true);
        }
      }
    }
  });

  it.each([
    ['execa', 'src/probes/run-probe.ts'],
    ['pino', 'src/logger.ts'],
  ])('imports %s in one file only', (pkg, home) => {
    const users = SRC.filter((f) => importsOf(f).includes(pkg));
    expect(users).toEqual([home]);
  });

  it('keeps src/cli to argv, verbs and wiring: it runs no command itself', () => {
    const cli = SRC.filter((f) => f.startsWith('src/cli/'));
    expect(cli.length).toBeGreaterThan(0);
    for (const file of cli) {
      for (const spec of importsOf(file))
        expect(
          ['execa', 'node:child_process', 'child_process'].includes(spec) || spec.endsWith('/run-probe.js'),
          `${file} imports ${spec}`,
        ).toBe(false);
      expect(read(file), file).not.toMatch(
        /\b(?:execa|spawn|execFile|runCommand|followCommand|runProbe)\s*\(/,
      );
    }
  });

  it('imports prom-client only in src/observe', () => {
    const users = SRC.filter((f) => importsOf(f).includes('prom-client'));
    expect(users.length).toBeGreaterThan(0);
    expect(users.filter((f) => !f.startsWith('src/observe/'))).toEqual([]);
  });

  it.each(['bullmq', 'ioredis'])('imports %s only in src/queue', (pkg) => {
    const users = SRC.filter((f) => importsOf(f).includes(pkg));
    expect(users.length).toBeGreaterThan(0);
    expect(users.filter((f) => !f.startsWith('src/queue/'))).toEqual([]);
  });

  it('keeps the core platform-neutral: zod, node built-ins and the engine only', () => {
    for (const file of SRC.filter((f) => f.startsWith('src/core/')))
      for (const spec of importsOf(file))
        expect(
          spec === 'zod' ||
            spec.startsWith('node:') ||
            spec.startsWith('./') ||
            spec.startsWith('../engine/'),
          `${file} imports ${spec}`,
        ).toBe(true);
  });

  it('keeps commands pure: the core, the engine and each other only', () => {
    for (const file of COMMANDS)
      for (const spec of importsOf(file))
        expect(
          spec.startsWith('./') || spec.startsWith('../src/core/') || spec.startsWith('../src/engine/'),
          `${file} imports ${spec}`,
        ).toBe(true);
  });

  it('keeps each adapter to the core and its own SDK', () => {
    const sdk: Record<string, string[]> = {
      slack: ['@slack/bolt', '@slack/web-api'],
      discord: ['discord.js'],
      console: [],
    };
    for (const file of ADAPTERS) {
      const platform = file.split('/')[1] as string;
      for (const spec of importsOf(file))
        expect(
          spec.startsWith('./') ||
            spec.startsWith('node:') ||
            spec.startsWith('../../src/core/') ||
            (sdk[platform] ?? []).includes(spec),
          `${file} imports ${spec}`,
        ).toBe(true);
    }
  });

  it('imports the Slack SDK only in the Slack adapter and the bot command', () => {
    const users = [...SRC, ...ADAPTERS, ...COMMANDS].filter((f) =>
      importsOf(f).some((s) => s.startsWith('@slack/')),
    );
    expect(users.filter((f) => !f.startsWith('adapters/slack/') && f !== 'src/cli/bot-verb.ts')).toEqual([]);
  });

  it('imports discord.js only in the Discord adapter', () => {
    const users = [...SRC, ...ADAPTERS, ...COMMANDS].filter((f) => importsOf(f).includes('discord.js'));
    expect(users.filter((f) => !f.startsWith('adapters/discord/'))).toEqual([]);
  });

  it('throws only coded errors outside the engine: a BotError or UserError, never a bare Error', () => {
    const bare = /\bthrow\s+(?:new\s+)?Error\s*\(/;
    const throwers = [...SRC, ...ADAPTERS, ...COMMANDS].filter(
      (f) => !f.startsWith('src/engine/') && bare.test(read(f)),
    );
    expect(throwers).toEqual([]);
  });

  it('builds every Redis key in src/queue/keys.ts', () => {
    const keyLiteral = /`\$\{(?:opts\.)?prefix\}:/;
    const builders = [...SRC, ...ADAPTERS, ...COMMANDS].filter((f) => keyLiteral.test(read(f)));
    expect(builders).toEqual(['src/queue/keys.ts']);
  });

  it('cites only documents the repository holds', () => {
    const files = [...SRC, ...ADAPTERS, ...COMMANDS, ...sourceFiles('test')];
    const cited = files.flatMap((f) =>
      [...read(f).matchAll(/\b([\w/-]*[A-Z][\w-]*\.md)\b/g)].map((m) => ({ f, doc: m[1] as string })),
    );
    expect(cited.map((c) => c.doc)).toContain('docs/OPENCLAW.md');
    for (const { f, doc } of cited) expect(existsSync(join(ROOT, doc)), `${f} cites ${doc}`).toBe(true);
  });

  it('reads process.env only in the config loader and the CLI entry', () => {
    const readers = SRC.filter((f) => read(f).includes('process.env'));
    expect(readers.sort()).toEqual(['src/cli/main.ts', 'src/config.ts']);
  });

  it('finds an import cycle where there is one', () => {
    const cycle = findCycle(sourceFiles('test/fixtures/import-cycle'));
    expect(cycle?.slice().sort()).toEqual([
      'test/fixtures/import-cycle/a.ts',
      'test/fixtures/import-cycle/a.ts',
      'test/fixtures/import-cycle/b.ts',
    ]);
  });

  it('has no import cycle in src, adapters and commands', () => {
    expect(findCycle([...SRC, ...ADAPTERS, ...COMMANDS])).toBeNull();
  });

  it('keeps source files small', () => {
    for (const file of [...SRC, ...ADAPTERS, ...COMMANDS])
      expect(read(file).split('\n').length, file).toBeLessThanOrEqual(300);
  });
});

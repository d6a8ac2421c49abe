import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../support/scenario.js';

/** What `npm run build` wrote about the bundled CLI (scripts/bundle-cli.mjs): esbuild's metafile. */
type Meta = {
  outputs: Record<
    string,
    { entryPoint?: string; imports: { path: string; kind: string }[]; inputs: Record<string, unknown> }
  >;
};
const meta = JSON.parse(readFileSync(join(ROOT, 'dist/cli-bundle-meta.json'), 'utf8')) as Meta;

/** The output file built from `entry`. */
const outputOf = (entry: string): string => {
  const found = Object.entries(meta.outputs).find(([, out]) => out.entryPoint === entry)?.[0];
  if (!found) throw new Error(`no bundle output for ${entry}`);
  return found;
};

/** The packages whose code runs when `entry` loads: its output and every chunk it imports statically. */
function packagesLoadedBy(entry: string): Set<string> {
  const seen = new Set<string>();
  const stack = [outputOf(entry)];
  for (let out = stack.pop(); out !== undefined; out = stack.pop()) {
    if (seen.has(out)) continue;
    seen.add(out);
    for (const imp of meta.outputs[out]?.imports ?? [])
      if (imp.kind === 'import-statement' && imp.path in meta.outputs) stack.push(imp.path);
  }
  const packages = new Set<string>();
  for (const out of seen)
    for (const input of Object.keys(meta.outputs[out]?.inputs ?? {})) {
      const rest = input.split('node_modules/').at(-1);
      if (rest === input || rest === undefined) continue;
      const [scope, name] = rest.split('/');
      packages.add(scope?.startsWith('@') ? `${scope}/${name}` : (scope ?? ''));
    }
  return packages;
}

const CHAT = ['discord.js', '@discordjs/ws', '@slack/bolt', '@slack/web-api', '@slack/socket-mode'];
const QUEUE = ['bullmq', 'ioredis'];

describe('the built CLI', () => {
  it('starts on our own code alone, and loads a verb only when it runs', () => {
    expect([...packagesLoadedBy('src/cli/main.ts')]).toEqual([]);
  });

  it.each(['explain', 'diagnose', 'cooldown'])('loads neither the chat SDKs nor BullMQ for %s', (verb) => {
    const loaded = packagesLoadedBy(`src/cli/${verb}-verb.ts`);
    for (const sdk of [...CHAT, ...QUEUE]) expect(loaded, sdk).not.toContain(sdk);
  });

  it('loads no chat SDK in a worker, and each platform’s only when the bot enables it', () => {
    const worker = packagesLoadedBy('src/cli/worker-verb.ts');
    for (const sdk of CHAT) expect(worker, sdk).not.toContain(sdk);
    expect(worker).toContain('bullmq');
    const bot = packagesLoadedBy('src/cli/bot-verb.ts');
    for (const sdk of CHAT) expect(bot, sdk).not.toContain(sdk);
    expect(packagesLoadedBy('adapters/slack/index.ts')).toContain('@slack/bolt');
    expect(packagesLoadedBy('adapters/discord/index.ts')).toContain('discord.js');
    expect(packagesLoadedBy('adapters/slack/index.ts')).not.toContain('discord.js');
  });
});

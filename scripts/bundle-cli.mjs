// The built CLI (npm run build): dist/src/cli/main.js, the entry, and the chunks its verbs load,
// each verb bundled with the packages it uses. An unbundled verb opened 340–800 files to start (our
// modules and its SDKs'), which cost a `clawops explain` ~0.5 s of CPU and a `clawops bot` ~0.8 s
// before it did anything; bundled, they load in ~0.2 s and ~0.3 s. esbuild strips the types
// without checking them: `npm run typecheck` does, and CI runs it.
import { rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
// Nothing of an earlier build stays behind.
rmSync(`${root}dist`, { recursive: true, force: true });
const outdir = `${root}dist/src/cli`;

const { metafile } = await build({
  absWorkingDir: root,
  entryPoints: ['src/cli/main.ts'],
  outdir,
  bundle: true,
  // A verb's chunk, and the chunks it shares with others, load only when that verb runs
  // (main.ts imports each verb on demand): a worker never loads the chat SDKs.
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // Class and function names stay as written: errors and logs report them. Whitespace and syntax
  // are minified: a process keeps the source of what it loaded, and an idle bot's 11 MB of it cost
  // ~20 MB of its resident memory (npm run bench:memory); the source maps give the lines back.
  keepNames: true,
  minifyWhitespace: true,
  minifySyntax: true,
  sourcemap: true,
  // The bundled CommonJS packages (Bolt, discord.js, ioredis) call require for Node's modules.
  banner: {
    js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
  },
  // msgpackr (BullMQ's) loads this native addon from node_modules when it is there, and does
  // without it otherwise; bundled, it could never find its binary.
  external: ['msgpackr-extract'],
  logLevel: 'warning',
  metafile: true,
});
// Which chunks each verb loads, and what each holds: test/integration/cli-bundle.test.ts reads it.
writeFileSync(`${root}dist/cli-bundle-meta.json`, JSON.stringify(metafile));

import { cooldownTable } from '../core/cooldown-lines.js';
import type { Diagnosis } from '../engine/diagnosis.js';
import { parseVerbArgs } from './args.js';
import { diagnoseHost } from './diagnose-host.js';
import { EXIT, type Verb } from './io.js';

function render(d: Diagnosis): string {
  const out: string[] = [];
  if (d.cooldowns.length === 0) out.push(`${d.host}: no Anthropic profile is cooling down or disabled.`);
  else {
    out.push(`${d.host}: ${d.cooldowns.length} profile(s) unusable`, '');
    out.push(
      ...cooldownTable(d.cooldowns)
        .split('\n')
        .map((l) => `  ${l}`),
    );
  }
  if (d.verdict.label === 'cooldown' || d.verdict.label === 'billing' || d.verdict.label === 'rate_limited') {
    out.push(
      '',
      `${d.verdict.label}${d.verdict.cause ? ` (cause: ${d.verdict.cause})` : ''}: ${d.verdict.summary}`,
    );
  }
  return `${out.join('\n')}\n`;
}

export const cooldownVerb: Verb = {
  name: 'cooldown',
  summary: 'show Anthropic profiles in cooldown or disabled, with time left and cause',
  help: `Usage: clawops cooldown [--json] [--openclaw-bin PATH]

Shows which Anthropic auth profiles OpenClaw holds back (cooldown or disabled), why, until
when, and the first failure that started it. Reads \`openclaw models status --json\` and the
gateway log; never runs \`models status --probe\`.

Options:
  --json               print { schemaVersion, host, verdict, cooldowns } as JSON
  --openclaw-bin PATH  the openclaw executable (default: $OPENCLAW_BIN, else \`openclaw\` on PATH)
  -h, --help           show this help

Exit codes: 0 nothing is cooling down, 1 a profile is cooling down or disabled, 2 clawops itself could not run.
`,
  async run(io) {
    const { values } = parseVerbArgs('cooldown', io.args, {
      json: { type: 'boolean', default: false },
      'openclaw-bin': { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    });
    if (values.help) {
      io.stdout(this.help);
      return EXIT.ok;
    }
    const d = await diagnoseHost(io, { bin: values['openclaw-bin'], deep: false });
    const json = {
      schemaVersion: 1,
      host: d.host,
      startedAt: d.startedAt,
      verdict: d.verdict,
      cooldowns: d.cooldowns,
    };
    io.stdout(values.json ? `${JSON.stringify(json, null, 2)}\n` : render(d));
    return d.cooldowns.length > 0 || d.verdict.label === 'cooldown' ? EXIT.problem : EXIT.ok;
  },
};

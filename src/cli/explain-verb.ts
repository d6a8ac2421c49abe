import { UserError } from '../core/errors.js';
import { explain, MAX_EXPLAIN_CHARS } from '../engine/explain.js';
import { createRedactor } from '../engine/redact.js';
import { readHostSecrets } from '../probes/host-secrets.js';
import { parseVerbArgs } from './args.js';
import { EXIT, type Verb } from './io.js';
import { renderExplanation } from './report.js';

export const explainVerb: Verb = {
  name: 'explain',
  summary: 'classify a pasted error message or log excerpt (no host access)',
  help: `Usage: clawops explain [--json] [TEXT | -]

Classifies an OpenClaw or Anthropic error message, a chat message or a log excerpt (JSON lines
too) with the same rules as \`clawops diagnose\`, without touching any host. Reads standard
input when TEXT is absent or "-". Secrets in the text are redacted in the output: every shape
clawops knows, and on a gateway host every secret value of its OpenClaw config, env files and
environment.

Options:
  --json      print { schemaVersion, verdict, findings } as JSON
  -h, --help  show this help

Exit codes: 0 the text was read (whatever it says), 2 bad usage or no text.
`,
  async run(io) {
    const { values, positionals } = parseVerbArgs(
      'explain',
      io.args,
      { json: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h', default: false } },
      true,
    );
    if (values.help) {
      io.stdout(this.help);
      return EXIT.ok;
    }
    const fromArgs =
      positionals.length === 0 || (positionals.length === 1 && positionals[0] === '-')
        ? null
        : positionals.join(' ');
    const text = fromArgs ?? (await io.readStdin());
    if (text.trim() === '') {
      throw new UserError(
        'usage',
        'nothing to explain: pass the text as an argument or on standard input.\nRun `clawops explain --help` for usage.',
      );
    }
    if (text.length > MAX_EXPLAIN_CHARS)
      io.stderr(`clawops: only the first ${MAX_EXPLAIN_CHARS} characters were read\n`);
    // Run on a gateway host, the host's own secrets are removed too, whatever their shape.
    const result = explain(text, createRedactor(await readHostSecrets(io.env)));
    io.stdout(
      values.json ? `${JSON.stringify(result, null, 2)}\n` : renderExplanation(result, { color: io.isTty }),
    );
    return EXIT.ok;
  },
};

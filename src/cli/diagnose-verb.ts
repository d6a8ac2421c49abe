import { parseVerbArgs } from './args.js';
import { diagnoseHost } from './diagnose-host.js';
import { EXIT, type Verb } from './io.js';
import { renderDiagnosis } from './report.js';

export const diagnoseVerb: Verb = {
  name: 'diagnose',
  summary: 'diagnose the Anthropic route of the OpenClaw gateway on this host',
  help: `Usage: clawops diagnose [--json] [--deep] [--openclaw-bin PATH]

Runs OpenClaw's own read-only diagnostics on this host side by side, reads the gateway's log
file and environment directly where it can, and says which failure the Anthropic route has,
who owns the fix, and what to do next. Secrets are redacted before anything is printed.

Options:
  --json               print the Diagnosis JSON (schemaVersion 1) instead of the report
  --deep               also run \`openclaw doctor --json\`, \`status --json\` and \`health --json\` (slower)
  --openclaw-bin PATH  the openclaw executable (default: $OPENCLAW_BIN, else \`openclaw\` on PATH)
  -h, --help           show this help

Exit codes: 0 healthy, 1 a problem was diagnosed, 2 clawops itself could not run.
Environment: OPENCLAW_BIN, CLAWOPS_HOST (host name in the report), CLAWOPS_LOG_LEVEL (JSON logs on
stderr: silent|error|warn|info|debug), CLAWOPS_PROBE_TIMEOUT_MS (one timeout for every openclaw command).
`,
  async run(io) {
    const { values } = parseVerbArgs('diagnose', io.args, {
      json: { type: 'boolean', default: false },
      deep: { type: 'boolean', default: false },
      'openclaw-bin': { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    });
    if (values.help) {
      io.stdout(this.help);
      return EXIT.ok;
    }
    const diagnosis = await diagnoseHost(io, { bin: values['openclaw-bin'], deep: values.deep });
    io.stdout(
      values.json
        ? `${JSON.stringify(diagnosis, null, 2)}\n`
        : renderDiagnosis(diagnosis, { color: io.isTty }),
    );
    return diagnosis.verdict.label === 'healthy' ? EXIT.ok : EXIT.problem;
  },
};

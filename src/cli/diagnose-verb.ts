import { UserError } from '../core/errors.js';
import { AgentIdSchema } from '../core/job.js';
import { parseVerbArgs } from './args.js';
import { diagnoseHost } from './diagnose-host.js';
import { EXIT, type Verb } from './io.js';
import { renderDiagnosis } from './report.js';

export const diagnoseVerb: Verb = {
  name: 'diagnose',
  summary: 'diagnose the Anthropic route of the OpenClaw gateway on this host',
  help: `Usage: clawops diagnose [--json] [--deep] [--agent ID] [--openclaw-bin PATH]

Runs OpenClaw's own read-only diagnostics on this host side by side, reads the gateway's log
file and environment directly where it can, and says which failure the Anthropic route has,
who owns the fix, and what to do next. It also lists every route the gateway could fail over
to (primary, then each fallback) and whether each configured agent has a credential for its
primary route. Secrets are redacted before anything is printed.

Options:
  --json               print the Diagnosis JSON (schemaVersion 1) instead of the report
  --agent ID           the routes of this agent (default: the gateway's default agent)
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
      agent: { type: 'string' },
      'openclaw-bin': { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    });
    if (values.help) {
      io.stdout(this.help);
      return EXIT.ok;
    }
    const agent = values.agent === undefined ? undefined : AgentIdSchema.safeParse(values.agent);
    if (agent && !agent.success)
      throw new UserError(
        'usage',
        `--agent "${values.agent?.slice(0, 64)}" is not an agent id (letters, digits, "-" and "_").\nRun \`clawops diagnose --help\` for usage.`,
      );
    const diagnosis = await diagnoseHost(io, {
      bin: values['openclaw-bin'],
      deep: values.deep,
      agent: agent?.data,
    });
    io.stdout(
      values.json
        ? `${JSON.stringify(diagnosis, null, 2)}\n`
        : renderDiagnosis(diagnosis, { color: io.isTty }),
    );
    return diagnosis.verdict.label === 'healthy' ? EXIT.ok : EXIT.problem;
  },
};

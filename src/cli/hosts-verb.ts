import { loadConfig } from '../config.js';
import type { HostStatus } from '../core/job.js';
import { ago } from '../core/text.js';
import { parseVerbArgs } from './args.js';
import { createBotParts } from './bot-parts.js';
import { EXIT, type Verb } from './io.js';

export function renderHosts(hosts: readonly HostStatus[], now = Date.now()): string {
  if (hosts.length === 0) return 'No worker has connected yet. Start `clawops worker` on a gateway host.\n';
  const rows = hosts.map((h) => [
    h.host,
    h.state,
    ago(now - h.lastSeen),
    `clawops ${h.clawopsVersion}`,
    `OpenClaw ${h.openclawVersion ?? 'unknown'}`,
  ]);
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length))) ?? [];
  return `${rows
    .map((r) =>
      r
        .map((c, i) => c.padEnd(widths[i] ?? 0))
        .join('  ')
        .trimEnd(),
    )
    .join('\n')}\n`;
}

export const hostsVerb: Verb = {
  name: 'hosts',
  summary: 'list the workers: live or silent, last seen, clawops and OpenClaw versions',
  help: `Usage: clawops hosts [--json]

Lists every worker that has connected to this Redis (REDIS_URL), live ones first: a worker is
silent when its heartbeat has not arrived for 20 s. Without REDIS_URL it shows this host only.

Options:
  --json      print the list as JSON
  -h, --help  show this help
`,
  async run(io) {
    const { values } = parseVerbArgs('hosts', io.args, {
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    });
    if (values.help) {
      io.stdout(this.help);
      return EXIT.ok;
    }
    const { parts: transport } = await createBotParts(loadConfig(io.env), { signal: io.signal });
    try {
      const hosts = await transport.listHosts();
      io.stdout(values.json ? `${JSON.stringify(hosts, null, 2)}\n` : renderHosts(hosts));
      return EXIT.ok;
    } finally {
      await transport.close();
    }
  },
};

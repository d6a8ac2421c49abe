import type { FleetRow } from './fleet.js';
import type { Block, Message } from './message.js';
import { ago } from './text.js';

/** A Diagnose-all run as it goes: hosts asked, hosts still out, hosts that gave no verdict. */
export type FleetRun = {
  readonly total: number;
  readonly pending: ReadonlySet<string>;
  /** Host → why no verdict came (an error code). */
  readonly failed: ReadonlyMap<string, string>;
};

export type FleetView = {
  readonly rows: readonly FleetRow[];
  readonly now: number;
  readonly run?: FleetRun;
  /** The stored action behind the Diagnose-all button, when it is offered. */
  readonly diagnoseAll?: string;
};

/**
 * Characters of host rows one message shows: inside a Slack section (3000) and, with the
 * summary, a Discord embed description (4096). The rest of a large fleet goes in the file.
 */
export const ROWS_BUDGET = 2_800;
export const FLEET_FILE = 'fleet.tsv';

const failing = (r: FleetRow, run?: FleetRun): boolean =>
  r.worker === 'silent' || r.gateway === 'down' || Boolean(run?.failed.has(r.host));

/** Rows that need a look first: silent or down, then unhealthy or with open episodes, then the rest. */
function rank(r: FleetRow, run?: FleetRun): number {
  if (failing(r, run)) return 0;
  if (r.open > 0 || (r.last && r.last.label !== 'healthy')) return 1;
  return r.last ? 3 : 2;
}

const needsLook = (r: FleetRow, run?: FleetRun): boolean => rank(r, run) < 3;

function rowLine(r: FleetRow, now: number, run?: FleetRun): string {
  const worker = r.worker === 'live' ? '🟢' : '⚪';
  const head = `${worker} *${r.host}* · worker ${r.worker}`;
  if (run?.pending.has(r.host)) return `${head} · ⏳ diagnosing…`;
  const failed = run?.failed.get(r.host);
  const verdict = failed
    ? `⚠️ no verdict (${failed})`
    : r.last
      ? `${r.last.label === 'healthy' ? '✅' : '🚨'} ${r.last.label} ${ago(now - r.last.at)}`
      : 'no verdict yet';
  const open = r.open === 1 ? '1 open episode' : `${r.open || 'no'} open episodes`;
  return `${head} · gateway ${r.gateway} · ${verdict} · ${open}`;
}

function summary(rows: readonly FleetRow[]): string {
  const live = rows.filter((r) => r.worker === 'live').length;
  const down = rows.filter((r) => r.gateway === 'down').length;
  const open = rows.reduce((n, r) => n + r.open, 0);
  const labels = new Map<string, number>();
  for (const r of rows)
    labels.set(r.last?.label ?? 'none yet', (labels.get(r.last?.label ?? 'none yet') ?? 0) + 1);
  const verdicts = [...labels].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  return [
    `*${rows.length} host${rows.length === 1 ? '' : 's'}*: ${live} live, ${rows.length - live} silent`,
    `gateway down on ${down}`,
    `${open} open episode${open === 1 ? '' : 's'}`,
    `verdicts: ${verdicts.map(([l, n]) => `${l} ${n}`).join(', ')}`,
  ].join(' · ');
}

/** The whole table, one tab-separated line per host, for the file a large fleet comes with. */
export function fleetTable(view: FleetView): string {
  const lines = view.rows.map((r) => {
    const failed = view.run?.failed.get(r.host);
    const label = view.run?.pending.has(r.host)
      ? 'diagnosing'
      : failed
        ? `no verdict (${failed})`
        : r.last?.label;
    const at = r.last && !failed ? new Date(r.last.at).toISOString() : '';
    return [r.host, r.worker, r.gateway, label ?? '', at, String(r.open)].join('\t');
  });
  return `${['host', 'worker', 'gateway', 'last verdict', 'verdict at', 'open episodes'].join('\t')}\n${lines.join('\n')}\n`;
}

/**
 * `/claw fleet`: a row per host (those needing a look first), a summary, and the Diagnose-all
 * button; while Diagnose all runs, its progress as done/total. A fleet whose rows do not fit
 * shows as many as fit and comes with the full table as a file.
 */
export function fleetMessage(view: FleetView): Message {
  const { rows, now, run } = view;
  const sorted = [...rows].sort((a, b) => rank(a, run) - rank(b, run) || a.host.localeCompare(b.host));
  const lines: string[] = [];
  let used = 0;
  for (const r of sorted) {
    const line = rowLine(r, now, run);
    // Room is kept for the line that says how many more there are.
    if (used + line.length + 1 > ROWS_BUDGET - 80) break;
    lines.push(line);
    used += line.length + 1;
  }
  const hidden = sorted.length - lines.length;
  if (hidden > 0)
    lines.push(`…and ${hidden} more host${hidden === 1 ? '' : 's'}: every row is in ${FLEET_FILE}.`);
  const attention = rows.filter((r) => needsLook(r, run)).length;
  const done = run ? run.total - run.pending.size : 0;
  const title = run
    ? `${run.pending.size ? '⏳' : '✅'} Fleet: Diagnose all ${done}/${run.total}${run.failed.size ? `, ${run.failed.size} without a verdict` : ''}`
    : `${attention ? '⚠️' : '✅'} Fleet: ${rows.length} host${rows.length === 1 ? '' : 's'}, ${attention ? `${attention} to look at` : 'all well'}`;
  const live = rows.filter((r) => r.worker === 'live').length;
  const blocks: Block[] = [
    { type: 'header', text: title },
    { type: 'markdown', text: summary(rows) },
    { type: 'markdown', text: lines.join('\n') },
  ];
  if (view.diagnoseAll && live > 0)
    blocks.push({
      type: 'actions',
      buttons: [
        { label: `Diagnose all (${live} live)`, style: 'primary', actionId: view.diagnoseAll, inPlace: true },
      ],
    });
  return {
    text: `${title}. ${summary(rows).replace(/\*/g, '')}`,
    blocks,
    tone: (run ? run.pending.size : attention) ? 'warn' : 'ok',
    ...(hidden > 0 ? { file: { name: FLEET_FILE, text: fleetTable(view) } } : {}),
  };
}

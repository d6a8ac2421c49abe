import type { Diagnosis, Route } from '../engine/diagnosis.js';
import { refOf, stateText } from '../engine/routes.js';

/** Routes shown in a table; a longer chain is named in one line. */
const ROUTES_SHOWN = 6;

/** `12:11 UTC`: routes are read in the moment, so the date only adds width. */
const hhmm = (iso: string): string => `${iso.slice(11, 16)} UTC`;

function authCell(r: Route): string {
  if (r.auth.source === 'missing') return 'none';
  return `${r.auth.source}${r.auth.fingerprint ? ` ${r.auth.fingerprint}` : ''}`;
}

function stateCell(r: Route): string {
  const until = r.until ? ` until ${hhmm(r.until)}` : '';
  const failed = r.lastFailure
    ? `; last failure ${r.lastFailure.label}${r.lastFailure.at ? ` ${hhmm(r.lastFailure.at)}` : ''}`
    : '';
  return `${stateText(r)}${until}${failed}`;
}

/**
 * The failover chain as aligned text, for a code block in chat and the terminal:
 * `1 anthropic/claude-opus-5  profile sk-ant-a…0000#454bc7c7  disabled (billing) until 12:11 UTC`.
 * `null` when the diagnosis has no routes.
 */
export function routeTable(d: Pick<Diagnosis, 'routes'>): string | null {
  if (d.routes.length === 0) return null;
  const rows = d.routes
    .slice(0, ROUTES_SHOWN)
    .map((r, i) => [`${i + 1}`, refOf(r), authCell(r), stateCell(r)]);
  const widths = [0, 1, 2].map((c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  const lines = rows.map((r) =>
    r
      .map((cell, c) => (c < 3 ? cell.padEnd(widths[c] ?? 0) : cell))
      .join('  ')
      .trimEnd(),
  );
  const more = d.routes.length - ROUTES_SHOWN;
  return more > 0 ? `${lines.join('\n')}\n…(${more} more)` : lines.join('\n');
}

/** `main: profile · work: no credential for openai/gpt-5`, when more than one agent is configured. */
export function agentsLine(d: Pick<Diagnosis, 'agents'>): string | null {
  if (d.agents.length < 2) return null;
  return d.agents
    .map((a) =>
      a.credential === 'missing'
        ? `${a.id}: no credential for ${a.primary ?? 'its model'}`
        : `${a.id}: ${a.credential === 'unknown' ? 'not read' : a.credential}`,
    )
    .join(' · ');
}

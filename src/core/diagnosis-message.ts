import type { Diagnosis } from '../engine/diagnosis.js';
import { FIXES, type FixId } from '../engine/fixes.js';
import { LABEL_INFO } from '../engine/labels.js';
import { cooldownTable } from './cooldown-lines.js';
import type { RunProgress } from './job.js';
import type { Block, Button, Message } from './message.js';
import { agentsLine, routeTable } from './route-table.js';
import { seconds } from './text.js';

/** Findings shown in full; the rest are named in one line. */
const FINDINGS_SHOWN = 3;
const EVIDENCE_SHOWN = 6;

function authRoute(d: Diagnosis): string | null {
  const r = d.authRoute;
  if (!r) return null;
  const via =
    r.source === 'missing'
      ? 'no credential'
      : `${r.source}${r.profileId ? ` ${r.profileId}` : ''}${r.fingerprint ? ` (${r.fingerprint})` : ''}`;
  const shadow = r.shadowed.map((x) => `${x.source}${x.fingerprint ? ` (${x.fingerprint})` : ''}`).join(', ');
  return `${r.provider} via ${via}${shadow ? `; also present: ${shadow}` : ''}`;
}

/**
 * A diagnosis as people read it in chat: verdict and owner first, the evidence, the auth route,
 * the cooldowns, then one button per fix the verdict offers (`buttons`: fix id → action id,
 * created by dispatch before rendering so this stays pure).
 */
export function diagnosisMessage(
  d: Diagnosis,
  buttons: Readonly<Partial<Record<FixId, string>>> = {},
): Message {
  const { verdict } = d;
  const info = LABEL_INFO[verdict.label];
  const mark = verdict.label === 'healthy' ? '✅' : '🚨';
  const cause = verdict.cause
    ? ` — first failure: *${verdict.cause}* (${LABEL_INFO[verdict.cause].title})`
    : '';
  const blocks: Block[] = [
    { type: 'header', text: `${mark} ${d.host}: ${verdict.label} — ${info.title}` },
    { type: 'markdown', text: `${verdict.summary}${cause}` },
    {
      type: 'fields',
      fields: [
        { label: 'Owner', value: verdict.owner ?? 'nobody' },
        { label: 'Confidence', value: verdict.confidence },
        { label: 'OpenClaw', value: d.openclawVersion ?? 'unknown' },
        { label: 'Verdict in', value: seconds(d.durationMs) },
      ],
    },
  ];
  for (const f of d.findings.slice(0, FINDINGS_SHOWN)) {
    blocks.push({ type: 'markdown', text: `*${f.label}*: ${f.title}` });
    const lines = f.evidence.slice(0, EVIDENCE_SHOWN).map((e) => `${e.source}: ${e.text}`);
    const more = f.evidence.length - EVIDENCE_SHOWN;
    if (lines.length)
      blocks.push({
        type: 'code',
        text: more > 0 ? `${lines.join('\n')}\n…(${more} more)` : lines.join('\n'),
      });
  }
  if (d.findings.length > FINDINGS_SHOWN)
    blocks.push({
      type: 'markdown',
      text: `Also found: ${d.findings
        .slice(FINDINGS_SHOWN)
        .map((f) => f.label)
        .join(', ')}`,
    });
  const route = authRoute(d);
  if (route) blocks.push({ type: 'markdown', text: `*Auth route:* ${route}` });
  if (d.cooldowns.length)
    blocks.push(
      { type: 'markdown', text: '*Cooldowns*' },
      { type: 'code', text: cooldownTable(d.cooldowns) },
    );
  const routes = routeTable(d);
  if (routes)
    blocks.push(
      { type: 'markdown', text: `*Routes:* ${d.failover?.conclusion ?? 'failover order'}` },
      { type: 'code', text: routes },
    );
  const agents = agentsLine(d);
  if (agents) blocks.push({ type: 'markdown', text: `*Agents:* ${agents}` });
  const fixButtons: Button[] = (d.findings[0]?.fixes ?? []).flatMap((id) => {
    const fix = FIXES[id as FixId];
    const actionId = buttons[id as FixId];
    if (!fix || !actionId) return [];
    return [
      { label: fix.title, actionId, ...(fix.runBy === 'clawops' ? { style: 'primary' as const } : {}) },
    ];
  });
  if (fixButtons.length) blocks.push({ type: 'actions', buttons: fixButtons });
  blocks.push({
    type: 'markdown',
    text: `_${d.probes.length} probes · ${d.redactions} secret(s) redacted · ${d.startedAt}_`,
  });
  return {
    text: `${mark} ${d.host}: ${verdict.label} (owner: ${verdict.owner ?? 'nobody'}) — ${verdict.summary}`,
    blocks,
    tone: verdict.label === 'healthy' ? 'ok' : 'problem',
  };
}

/** The message shown while a diagnosis runs, edited as probes finish. */
export function progressMessage(host: string, done: readonly RunProgress[]): Message {
  const finished = done.filter((p) => p.state === 'done');
  const line = finished.map((p) => `${p.ok ? '✓' : '✗'} ${p.probe}`).join('  ');
  const text = `⏳ diagnosing ${host}…${line ? `  ${line}` : ''}`;
  return { text, blocks: [{ type: 'markdown', text }] };
}

/** What a fix button shows: why, and the exact commands for whoever runs it. */
export function fixMessage(id: FixId, host: string): Message {
  const fix = FIXES[id];
  const who = fix.runBy === 'clawops' ? 'clawops can run this once an approver approves it' : 'for a person';
  return {
    text: `${fix.title} on ${host}: ${fix.commands.join(' && ')}`,
    blocks: [
      { type: 'markdown', text: `*${fix.title}* on ${host} (${who})\n${fix.why}` },
      { type: 'code', text: fix.commands.map((c) => `$ ${c}`).join('\n') },
    ],
  };
}

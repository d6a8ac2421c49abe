import { cooldownLine } from '../core/cooldown-lines.js';
import { agentsLine, routeTable } from '../core/route-table.js';
import { seconds } from '../core/text.js';
import type { Diagnosis, Explanation, Finding } from '../engine/diagnosis.js';
import { FIXES, type FixId } from '../engine/fixes.js';
import { LABEL_INFO } from '../engine/labels.js';
import { isModelGuess } from '../engine/model-guess.js';

type Style = {
  bold(s: string): string;
  dim(s: string): string;
  red(s: string): string;
  green(s: string): string;
};

const plain: Style = { bold: (s) => s, dim: (s) => s, red: (s) => s, green: (s) => s };
const ansi: Style = {
  bold: (s) => `\u001b[1m${s}\u001b[22m`,
  dim: (s) => `\u001b[2m${s}\u001b[22m`,
  red: (s) => `\u001b[31m${s}\u001b[39m`,
  green: (s) => `\u001b[32m${s}\u001b[39m`,
};

function evidenceLines(finding: Finding, s: Style): string[] {
  return finding.evidence.map((e) => `  ${s.dim(e.source.padEnd(15))} ${e.text}`);
}

function nextSteps(fixes: readonly string[], s: Style): string[] {
  const out: string[] = [];
  fixes.forEach((id, i) => {
    const fix = FIXES[id as FixId];
    if (!fix) return;
    const who = fix.runBy === 'clawops' ? 'clawops can run this once approved' : 'for a person';
    out.push(`  ${i + 1}. ${s.bold(fix.title)} ${s.dim(`(${who})`)}`, `     ${fix.why}`);
    for (const cmd of fix.commands) out.push(`       $ ${cmd}`);
  });
  return out;
}

function header(label: Diagnosis['verdict']['label'], where: string, s: Style): string {
  const mark = label === 'healthy' ? s.green('✔') : s.red('✖');
  return `${mark} ${s.bold(`${where}${label}`)} — ${LABEL_INFO[label].title}`;
}

/** The terminal report: verdict first, then owner, evidence and copyable next steps. */
export function renderDiagnosis(d: Diagnosis, opts: { color?: boolean } = {}): string {
  const s = opts.color ? ansi : plain;
  const { verdict } = d;
  const out: string[] = [
    header(verdict.label, `${d.host}: `, s),
    `${s.bold('Owner:')} ${verdict.owner ?? 'nobody'}   ${s.bold('Confidence:')} ${verdict.confidence}${verdict.cause ? `   ${s.bold('Cause:')} ${verdict.cause} (${LABEL_INFO[verdict.cause].title})` : ''}`,
    '',
    verdict.summary,
  ];
  const [main, ...others] = d.findings;
  if (main) out.push('', s.bold('Evidence'), ...evidenceLines(main, s));
  if (d.authRoute) {
    const r = d.authRoute;
    const via =
      r.source === 'missing'
        ? 'no credential'
        : `${r.source}${r.profileId ? ` ${r.profileId}` : ''}${r.fingerprint ? ` (${r.fingerprint})` : ''}`;
    const shadow = r.shadowed
      .map((x) => `${x.source}${x.fingerprint ? ` (${x.fingerprint})` : ''}`)
      .join(', ');
    out.push(
      '',
      `${s.bold('Auth route:')} ${r.provider} via ${via}${shadow ? `; also present: ${shadow}` : ''}`,
    );
  }
  if (d.cooldowns.length > 0) {
    out.push('', s.bold('Cooldowns'));
    for (const c of d.cooldowns) out.push(`  ${cooldownLine(c)}`);
  }
  const routes = routeTable(d);
  if (routes) {
    out.push('', `${s.bold('Routes:')} ${d.failover?.conclusion ?? 'failover order'}`);
    out.push(...routes.split('\n').map((l) => `  ${l}`));
  }
  const agents = agentsLine(d);
  if (agents) out.push(`${s.bold('Agents:')} ${agents}`);
  if (main && main.fixes.length > 0) out.push('', s.bold('Next steps'), ...nextSteps(main.fixes, s));
  if (others.length > 0) {
    out.push('', s.bold('Also found'));
    for (const f of others)
      out.push(`  - ${f.label}: ${f.title}`, ...evidenceLines(f, s).map((l) => `  ${l}`));
  }
  const probes = d.probes.map(
    (p) => `${p.name} ${p.timedOut ? 'timed out' : `exit ${p.exitCode ?? '?'}`} ${seconds(p.durationMs)}`,
  );
  out.push(
    '',
    s.dim(
      `OpenClaw ${d.openclawVersion ?? 'version unknown'} · ${probes.join(' · ') || 'no probes'} · verdict in ${seconds(d.durationMs)} · ${d.redactions} secret(s) redacted`,
    ),
  );
  return `${out.join('\n')}\n`;
}

/** The terminal form of `clawops explain`. */
export function renderExplanation(e: Explanation, opts: { color?: boolean } = {}): string {
  const s = opts.color ? ansi : plain;
  const { verdict } = e;
  // A guess of the learned model is headed as one, with the rule that made it.
  const guess = isModelGuess(verdict.rule);
  const out = [
    guess
      ? `${s.bold('?')} ${s.bold(`likely ${verdict.label}`)} — ${LABEL_INFO[verdict.label].title} (a guess from the wording, ${verdict.rule})`
      : header(verdict.label, '', s),
    `${s.bold('Owner:')} ${verdict.owner ?? 'nobody'}   ${s.bold('Confidence:')} ${verdict.confidence}${verdict.cause ? `   ${s.bold('Cause:')} ${verdict.cause}` : ''}`,
    '',
    verdict.summary,
  ];
  const [main, ...others] = e.findings;
  if (main && main.evidence.length > 0) out.push('', s.bold('Matched'), ...evidenceLines(main, s));
  if (main && main.fixes.length > 0) out.push('', s.bold('Next steps'), ...nextSteps(main.fixes, s));
  for (const f of others) out.push('', `${s.bold('Also:')} ${f.label} — ${f.title}`, ...evidenceLines(f, s));
  return `${out.join('\n')}\n`;
}

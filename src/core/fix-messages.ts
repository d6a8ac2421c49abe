import { FIXES } from '../engine/fixes.js';
import type { Approval, Decision } from './approval.js';
import type { FixCommands, FixResult, RunnableFix } from './job.js';
import type { Message, Tone } from './message.js';

/**
 * The argv the host's worker runs for a fix, as its heartbeat says; `null` when it does not say
 * (an older worker) or the argv depends on the verdict (the profile a clear-cooldown clears).
 */
export function plannedArgv(fix: RunnableFix, commands: FixCommands | undefined): readonly string[] | null {
  if (!commands) return null;
  if (fix === 'restart-gateway') return commands.restart.argv;
  if (fix === 'start-gateway') return commands.start?.argv ?? null;
  if (fix === 'doctor-fix') return commands.doctorFix;
  return null;
}

/** An argv as a shell line a person can read and paste: words with spaces or quotes quoted. */
export function shellLine(argv: readonly string[]): string {
  return argv.map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`)).join(' ');
}

/**
 * An approval request: who asks for what on which host and why, with Approve and Deny. `argv`
 * is the exact command the host's worker will run, when its heartbeat says.
 */
export function approvalMessage(
  a: Approval,
  ids: { approve: string; deny: string },
  ttlMs: number,
  selfOk: boolean,
  argv: readonly string[] | null = null,
): Message {
  const fix = FIXES[a.fix];
  const who = selfOk ? 'An approver' : 'An approver other than the requester';
  const runs = argv ? ` It runs \`${shellLine(argv)}\`.` : '';
  const text = `🔐 ${a.requestedByName} asks to run "${fix.title}" on ${a.host} (verdict: ${a.verdict}).${runs} ${who} must approve within ${Math.round(ttlMs / 60_000)} min.`;
  return {
    text,
    blocks: [
      {
        type: 'markdown',
        text: `🔐 *${a.requestedByName}* asks to run *${fix.title}* on ${a.host} (verdict: ${a.verdict}).\n${fix.why}`,
      },
      argv
        ? { type: 'markdown', text: `The worker on ${a.host} will run exactly:` }
        : { type: 'markdown', text: `The worker on ${a.host} runs its form of:` },
      { type: 'code', text: (argv ? [shellLine(argv)] : fix.commands).map((c) => `$ ${c}`).join('\n') },
      { type: 'markdown', text: `${who} must approve within ${Math.round(ttlMs / 60_000)} min.` },
      {
        type: 'actions',
        buttons: [
          { label: 'Approve', style: 'primary', actionId: ids.approve },
          { label: 'Deny', style: 'danger', actionId: ids.deny },
        ],
      },
    ],
  };
}

/**
 * The approval request once decided, without its buttons: who decided, when, and what came of
 * it (`running…`, the fix's outcome).
 */
export function decidedMessage(a: Approval, d: Decision, outcome: string): Message {
  const fix = FIXES[a.fix];
  const asked = `🔐 ${a.requestedByName} asked to run "${fix.title}" on ${a.host} (verdict: ${a.verdict}).`;
  const said = `${d.outcome === 'approved' ? '✅ Approved' : '🚫 Denied'} by ${d.byName} at ${new Date(d.at).toISOString().slice(0, 16).replace('T', ' ')} UTC: ${outcome}.`;
  return { text: `${asked} ${said}`, blocks: [{ type: 'markdown', text: `${asked}\n${said}` }] };
}

/** A fix's outcome in the words of the thread's result message. */
export const OUTCOME: Record<FixResult['outcome'], string> = {
  fixed: 'fixed',
  'not-fixed': 'ran, not fixed',
  unconfirmed: 'ran, not confirmed yet',
  failed: 'the fix failed',
  refused: 'not run',
};

const TONE: Record<FixResult['outcome'], Tone> = {
  fixed: 'ok',
  'not-fixed': 'warn',
  failed: 'problem',
  refused: 'warn',
  unconfirmed: 'warn',
};

const HEADLINE: Record<FixResult['outcome'], string> = {
  fixed: '✅ fixed',
  'not-fixed': '⚠️ ran, not fixed',
  unconfirmed: '❔ ran, not confirmed yet',
  failed: '🚨 the fix failed',
  refused: '⛔ not run',
};

/** The thread message after an approved fix: before and after, and plainly whether it worked. */
export function fixResultMessage(a: Approval, approvedBy: string, r: FixResult): Message {
  const title = FIXES[a.fix].title;
  const text = `${HEADLINE[r.outcome]}: ${title} on ${a.host}. ${r.reason}`;
  return {
    text,
    tone: TONE[r.outcome],
    blocks: [
      { type: 'header', text: `${HEADLINE[r.outcome]} — ${title} on ${a.host}` },
      { type: 'markdown', text: r.reason },
      {
        type: 'fields',
        fields: [
          { label: 'Before', value: `${r.before.verdict.label} (${r.before.verdict.owner ?? 'nobody'})` },
          {
            label: 'After',
            value: r.after ? `${r.after.verdict.label} (${r.after.verdict.owner ?? 'nobody'})` : 'not run',
          },
          { label: 'Asked by', value: a.requestedByName },
          { label: 'Approved by', value: approvedBy },
        ],
      },
      ...(r.argv
        ? [{ type: 'code' as const, text: `$ ${shellLine(r.argv)}  # exit ${r.exitCode ?? '-'}` }]
        : []),
    ],
  };
}

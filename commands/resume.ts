import type { ActionStore } from '../src/core/action-store.js';
import type { FixPolicy } from '../src/core/command.js';
import { diagnosisMessage } from '../src/core/diagnosis-message.js';
import { BotError } from '../src/core/errors.js';
import { decidedMessage, fixResultMessage, OUTCOME } from '../src/core/fix-messages.js';
import type { FixResult } from '../src/core/job.js';
import { type Message, textMessage } from '../src/core/message.js';
import { type AnswerSink, type PendingAnswer, parseReplyTo } from '../src/core/pending.js';
import type { DiagnosisTransport } from '../src/core/transport.js';
import type { Diagnosis } from '../src/engine/diagnosis.js';
import { verdictButtons } from './diagnose.js';

export type ResumeDeps = {
  readonly transport: DiagnosisTransport;
  readonly actions: ActionStore;
  readonly fixes: FixPolicy;
  /** Per platform (`slack`, `discord`): where answers are posted with the bot's own token. */
  readonly sinks: Readonly<Record<string, AnswerSink | undefined>>;
};

/**
 * Answers a request another bot queued and could not answer (it died): follows its job to the
 * result, and posts what that bot would have, where it would have. A fix's result is audited
 * and its approval request edited to the outcome, as after a live approval.
 */
export async function answerPending(
  p: PendingAnswer & { readonly messageId?: string },
  deps: ResumeDeps,
): Promise<void> {
  const { platform, channel, thread } = parseReplyTo(p.replyTo);
  const sink = deps.sinks[platform];
  if (!sink || !deps.transport.follow) return;
  const deliver = async (m: Message, messageId = p.messageId) => {
    if (messageId) await sink.edit(channel, messageId, m);
    else await sink.post(channel, m, thread);
  };
  let outcome: Diagnosis | FixResult | Error;
  try {
    outcome = await deps.transport.follow(p.kind, p.host, p.runId);
  } catch (err) {
    outcome = err instanceof Error ? err : new Error(String(err));
  }
  const failed = outcome instanceof Error;
  const said = (err: Error) => `⚠️ ${err instanceof BotError ? err.message : 'something went wrong'}`;
  if (p.kind === 'diagnose') {
    if (outcome instanceof Error) return deliver(textMessage(said(outcome)));
    const d = outcome as Diagnosis;
    return deliver(diagnosisMessage(d, await verdictButtons(deps.actions, p.requestedBy, d)));
  }
  const record = await deps.fixes.approvals.get(p.approvalId);
  const result = failed ? null : (outcome as FixResult);
  await deps.fixes.audit.append({
    event: result?.outcome === 'refused' ? 'refused' : 'result',
    host: p.host,
    fix: record?.fix ?? 'unknown',
    who: `${platform}:${p.approvedBy}`,
    where: p.replyTo,
    when: new Date().toISOString(),
    verdict: result?.before.verdict.label ?? record?.verdict ?? 'unknown',
    detail: result ? `${result.outcome}: ${result.reason}` : `failed: ${(outcome as Error).message}`,
  });
  if (record?.decision && p.approvalMessage)
    await deliver(
      decidedMessage(record, record.decision, result ? OUTCOME[result.outcome] : 'failed'),
      p.approvalMessage,
    ).catch(() => {});
  if (!result) return deliver(textMessage(said(outcome as Error)));
  // The approval record can expire before a long fix ends: the outcome is still known, say it.
  if (!record) return deliver(textMessage(`${OUTCOME[result.outcome]} on ${p.host}: ${result.reason}`));
  return deliver(fixResultMessage(record, p.approvedByName, result));
}

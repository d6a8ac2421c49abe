import { describe, expect, it } from 'vitest';
import { answerPending } from '../../../commands/resume.js';
import { createMemoryActionStore } from '../../../src/core/action-store.js';
import type { FixResult } from '../../../src/core/job.js';
import type { Message } from '../../../src/core/message.js';
import type { AnswerSink } from '../../../src/core/pending.js';
import type { DiagnosisTransport } from '../../../src/core/transport.js';
import { diagnosisFor } from '../../support/diagnoses.js';
import { memoryFixPolicy } from '../../support/fix-policy.js';

const RESULT: FixResult = {
  outcome: 'fixed',
  reason: 'It worked: gateway_down → healthy.',
  argv: ['systemctl', '--user', 'restart', 'openclaw-gateway.service'],
  exitCode: 0,
  before: diagnosisFor('gateway_down'),
  after: diagnosisFor('healthy'),
};

/** A transport whose only job is to hand over a finished fix's result, or fail to. */
const following = (outcome: FixResult | Error) =>
  ({
    follow: async () => {
      if (outcome instanceof Error) throw outcome;
      return outcome;
    },
  }) as unknown as DiagnosisTransport;

function sink() {
  const posted: { channel: string; text: string; thread?: string | undefined }[] = [];
  const s: AnswerSink = {
    async post(channel: string, m: Message, thread?: string) {
      posted.push({ channel, text: m.text, thread });
      return `m${posted.length}`;
    },
    async edit() {},
  };
  return { posted, s };
}

const pending = {
  kind: 'fix' as const,
  requestId: 'slack-1',
  host: 'gw-1',
  runId: 'run-1',
  replyTo: 'slack:C0OPS:1712345678.0001',
  requestedBy: 'U0ALICE',
  createdAt: Date.now(),
  approvalId: 'gone',
  approvedBy: 'U0BOB',
  approvedByName: 'bob',
};

describe('a bot that adopts a fix another bot queued', () => {
  it('says how the fix ended when its approval record has already expired', async () => {
    const { posted, s } = sink();
    const fixes = memoryFixPolicy();
    await answerPending(pending, {
      transport: following(RESULT),
      actions: createMemoryActionStore(),
      fixes,
      sinks: { slack: s },
    });
    expect(posted).toEqual([
      {
        channel: 'C0OPS',
        thread: '1712345678.0001',
        text: 'fixed on gw-1: It worked: gateway_down → healthy.',
      },
    ]);
    expect(await fixes.audit.recent('gw-1', 5)).toMatchObject([
      { event: 'result', detail: `fixed: ${RESULT.reason}` },
    ]);
  });

  it('still says only that something went wrong when the run itself failed unexpectedly', async () => {
    const { posted, s } = sink();
    await answerPending(pending, {
      transport: following(new Error('socket hang up')),
      actions: createMemoryActionStore(),
      fixes: memoryFixPolicy(),
      sinks: { slack: s },
    });
    expect(posted.map((p) => p.text)).toEqual(['⚠️ something went wrong']);
  });
});

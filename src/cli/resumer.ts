import { answerPending, type ResumeDeps } from '../../commands/resume.js';
import { type PendingAnswer, type PendingStore, parseReplyTo } from '../core/pending.js';
import type { Logger } from '../logger.js';

/** How often a bot looks for requests whose bot has died. */
const LOOK_MS = 2_000;

/**
 * Looks now and then for requests another bot queued and can no longer answer (it died), takes
 * them over and answers each; every request is answered by one bot.
 */
export function startResumer(pending: PendingStore, deps: ResumeDeps, log: Logger): { close(): void } {
  const look = async () => {
    const canAnswer = (p: PendingAnswer) => Boolean(deps.sinks[parseReplyTo(p.replyTo).platform]);
    for (const p of await pending.adoptOrphans(canAnswer).catch(() => [])) {
      log.info(
        { event: 'request_adopted', requestId: p.requestId, kind: p.kind, host: p.host },
        'answering a request another bot took',
      );
      void answerPending(p, deps)
        .then(() => pending.done(p.requestId))
        .catch((err: unknown) =>
          log.error({ err: String(err), requestId: p.requestId }, 'adopted request not answered'),
        );
    }
  };
  void look();
  const timer = setInterval(() => void look(), LOOK_MS);
  timer.unref();
  return {
    close() {
      clearInterval(timer);
    },
  };
}

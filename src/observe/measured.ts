import type { AuditLog } from '../core/audit.js';
import type { BotParts } from '../core/bot-parts.js';
import { BotError } from '../core/errors.js';
import type { DiagnosisRunner } from '../core/transport.js';
import type { Logger } from '../logger.js';
import type { Metrics } from './metrics.js';

/** The worker's runner, timed and counted: duration, verdict label, probes by outcome. */
export function measuredRunner(run: DiagnosisRunner, metrics: Metrics): DiagnosisRunner {
  return async (job, ctx) => {
    const started = performance.now();
    const d = await run(job, ctx);
    metrics.diagnosis(d, (performance.now() - started) / 1000);
    return d;
  };
}

/**
 * The bot's parts, observed: each diagnosis is timed, counted and logged with its request and
 * run ids (the worker logs the same pair), each audit entry counted.
 */
export function observedParts(parts: BotParts, metrics: Metrics, log: Logger): BotParts {
  const audit: AuditLog = {
    async append(entry) {
      metrics.approval(entry.event);
      await parts.audit.append(entry);
    },
    recent: (host, count) => parts.audit.recent(host, count),
  };
  return {
    ...parts,
    audit,
    async requestDiagnosis(request, opts) {
      const started = performance.now();
      const result = await parts.requestDiagnosis(request, opts).catch((err: unknown) => {
        metrics.diagnosisFailed(err instanceof BotError ? err.code : 'internal');
        throw err;
      });
      const seconds = (performance.now() - started) / 1000;
      metrics.diagnosis(result.diagnosis, seconds);
      log.info(
        {
          event: 'diagnosis',
          requestId: request.requestId,
          runId: result.runId,
          share: result.share,
          host: request.host,
          label: result.diagnosis.verdict.label,
          ms: Math.round(seconds * 1000),
        },
        'diagnosis answered',
      );
      return result;
    },
  };
}

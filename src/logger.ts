import { type Logger, pino } from 'pino';
import { createRedactor, redactDeep } from './engine/redact.js';

export type { Logger };

/**
 * Structured JSON logs on stderr (stdout belongs to the command's output). Every string that
 * reaches the log passes the same redactor as a diagnosis, so a secret cannot leak by logging.
 */
export function createLogger(level: string, knownSecrets: readonly string[] = [], destination = 2): Logger {
  const redactor = createRedactor(knownSecrets);
  return pino(
    {
      level,
      base: { app: 'clawops' },
      formatters: { log: (obj) => redactDeep(obj, redactor) },
      hooks: {
        logMethod(args, method) {
          method.apply(
            this,
            args.map((a) => (typeof a === 'string' ? redactor.redact(a) : a)) as Parameters<typeof method>,
          );
        },
      },
    },
    pino.destination({ fd: destination, sync: true }),
  );
}

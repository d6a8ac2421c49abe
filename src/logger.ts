import { type Logger, pino } from 'pino';
import { createRedactor, type Redactor, redactDeep } from './engine/redact.js';

export type { Logger };

/**
 * Structured JSON logs on stderr (stdout belongs to the command's output). Every string that
 * reaches the log passes the same redactor as a diagnosis, so a secret cannot leak by logging.
 * On a gateway host the redactor is the host's secret inventory, so it knows every secret there.
 */
export function createLogger(
  level: string,
  secrets: readonly string[] | Pick<Redactor, 'redact'> = [],
  destination = 2,
): Logger {
  const redactor = Array.isArray(secrets) ? createRedactor(secrets) : (secrets as Pick<Redactor, 'redact'>);
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

import { type Logger, LogLevel } from '@slack/bolt';

/** One level of a structured log: a fields object, then the message. */
type LogMethod = (fields: Record<string, unknown>, message: string) => void;

/** The part of the process's JSON logger that Bolt's messages go to. */
export type JsonLog = {
  readonly debug: LogMethod;
  readonly info: LogMethod;
  readonly warn: LogMethod;
  readonly error: LogMethod;
};

const ORDER = [LogLevel.DEBUG, LogLevel.INFO, LogLevel.WARN, LogLevel.ERROR];

/**
 * Bolt's level for the process's own (`CLAWOPS_LOG_LEVEL`): Bolt's warnings are worth a line at
 * the default `info`, and `error` and `silent` keep only its errors.
 */
export function boltLevelFor(level: string): LogLevel {
  const map: Readonly<Record<string, LogLevel>> = {
    debug: LogLevel.DEBUG,
    info: LogLevel.INFO,
    warn: LogLevel.WARN,
  };
  return map[level] ?? LogLevel.ERROR;
}

const text = (parts: unknown[]): string =>
  parts
    .map((p) => (p instanceof Error ? p.message : typeof p === 'string' ? p : JSON.stringify(p)))
    .join(' ');

/**
 * Bolt's logger interface over the JSON log, so that what Bolt and its receivers say (a request
 * that failed verification, a listener that threw) is one more JSON line, not console text.
 */
export function boltLogger(log: JsonLog, level: LogLevel): Logger {
  let threshold = level;
  let name = 'bolt';
  const at =
    (lvl: LogLevel, write: LogMethod) =>
    (...parts: unknown[]) => {
      if (ORDER.indexOf(lvl) >= ORDER.indexOf(threshold)) write({ sdk: name }, text(parts));
    };
  return {
    debug: at(LogLevel.DEBUG, (f, m) => log.debug(f, m)),
    info: at(LogLevel.INFO, (f, m) => log.info(f, m)),
    warn: at(LogLevel.WARN, (f, m) => log.warn(f, m)),
    error: at(LogLevel.ERROR, (f, m) => log.error(f, m)),
    setLevel: (l) => {
      threshold = l;
    },
    getLevel: () => threshold,
    setName: (n) => {
      name = n;
    },
  };
}

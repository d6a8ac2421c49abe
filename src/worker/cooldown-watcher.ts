import type { WatchReport } from '../core/watch-report.js';
import {
  type AlertKind,
  createEpisodeTracker,
  type Episode,
  type ProfileWindow,
  stateWindow,
  type WatchInput,
} from '../engine/episodes.js';
import { lineEvent } from '../engine/log-scan.js';
import type { Logger } from '../logger.js';
import type { ProfileState } from '../probes/profile-state.js';
import { type GatewayWatch, type GatewayWatchOptions, watchGateway } from './gateway-watch.js';
import { dailyPath, followLogFile, type LogFollower } from './log-follower.js';

export type { ProfileState };

export type CooldownWatcherOptions = {
  readonly host: string;
  readonly instance: string;
  /** An episode that returns within this long after it ended is the same episode. */
  readonly quietMs: number;
  /** The kinds watched for (default: all a worker sees). */
  readonly kinds?: ReadonlySet<AlertKind>;
  /** A credential expiring within this long is an episode. */
  readonly expiryWarnMs?: number;
  /** How to watch the gateway port for `gateway-down`; `null`: not at all. */
  readonly gateway?: Omit<GatewayWatchOptions, 'onResult' | 'log'> | null;
  /** Mean time between two reads of the profiles' state (±20 % jitter); 0: never. */
  readonly statePollMs: number;
  /** The gateway's log file; `null`: follow `openclaw logs --follow --json` instead. */
  readonly logFile: string | null;
  readonly readState: (signal: AbortSignal) => Promise<ProfileState | null>;
  /** Runs `openclaw logs --follow --json` until it ends; resolves with its exit code. */
  readonly followCli: (onLine: (line: string) => void, signal: AbortSignal) => Promise<number | null>;
  /** Episodes an earlier run of this worker published. */
  readonly saved: readonly Episode[];
  /** Publishes what changed (possibly nothing) and the whole picture; called in order, one at a time. */
  readonly publish: (changed: readonly Episode[], report: WatchReport) => Promise<void>;
  readonly log: Logger;
  /** Redacts what the watcher publishes, with the host's known secrets. */
  readonly redact?: (text: string) => string;
  /** How often time is checked for windows that ran out. */
  readonly tickMs?: number;
  /** How often the log file is looked at when no change notification comes. */
  readonly filePollMs?: number;
  /** Whether file system notifications wake the follower (default true; off: polling only). */
  readonly fileNotify?: boolean;
  readonly random?: () => number;
};

export type CooldownWatcher = { close(): Promise<void> };

/** A refusal that names no known episode asks for the state, but not more often than this. */
const SOON_MIN_GAP_MS = 30_000;
/** Lines this far back in the log file at start are read for the causes they hold. */
const TAIL_BYTES = 256 * 1024;
/** `openclaw logs --follow` that ended is started again after this long. */
const CLI_RESTART_MS = 5_000;

/**
 * Watches one gateway for cooldowns, broken routes, expiring credentials and outages: follows its
 * log (the file, or `openclaw logs --follow` where the file cannot be read), reads the profiles'
 * state now and then, because a cooldown can exist without a fresh log line, tries the gateway
 * port, and publishes each episode when it starts, changes and ends.
 */
export function startCooldownWatcher(opts: CooldownWatcherOptions): CooldownWatcher {
  const tracker = createEpisodeTracker({
    host: opts.host,
    instance: opts.instance,
    quietMs: opts.quietMs,
    ...(opts.kinds ? { kinds: opts.kinds } : {}),
    ...(opts.expiryWarnMs ? { expiryWarnMs: opts.expiryWarnMs } : {}),
    ...(opts.redact ? { redact: opts.redact } : {}),
  });
  tracker.restore(opts.saved);
  const abort = new AbortController();
  const random = opts.random ?? Math.random;
  let windows: ProfileWindow[] | null = null;
  let stateAt: number | null = null;
  let logSource: string | null = null;
  let follower: LogFollower | null = null;
  let cli: Promise<void> | null = null;
  let publishing: Promise<void> = Promise.resolve();

  const report = (): WatchReport => ({
    host: opts.host,
    instance: opts.instance,
    episodes: tracker.list(),
    windows,
    stateAt,
    logSource,
    updatedAt: Date.now(),
  });
  const emit = (changed: readonly Episode[], always = false) => {
    if (changed.length === 0 && !always) return;
    for (const e of changed)
      opts.log.info(
        { event: 'alert_episode', kind: e.kind, episode: e.id, status: e.status, version: e.version },
        `${e.kind} episode changed`,
      );
    const snapshot = report();
    publishing = publishing
      .then(() => opts.publish(changed, snapshot))
      .catch((err: unknown) => opts.log.error({ err: String(err) }, 'alert not published'));
  };
  const apply = (input: WatchInput, always = false) => emit(tracker.apply(input), always);

  // The profiles' state, on a jittered interval and sooner when the log shows an unknown cooldown.
  let stateTimer: NodeJS.Timeout | null = null;
  let lastRead = 0;
  let reading: Promise<void> | null = null;
  const readState = () => {
    if (reading || abort.signal.aborted) return;
    const at = Date.now();
    lastRead = at;
    reading = opts
      .readState(abort.signal)
      .then((state) => {
        if (!state || abort.signal.aborted) return;
        stateAt = at;
        windows = state.unusable.map((u) => stateWindow(u, at));
        apply({ type: 'state', at, ...state }, true);
      })
      .catch((err: unknown) => opts.log.warn({ err: String(err) }, 'profile state not read'))
      .finally(() => {
        reading = null;
        schedule();
      });
  };
  const schedule = () => {
    if (stateTimer) clearTimeout(stateTimer);
    if (opts.statePollMs <= 0 || abort.signal.aborted) return;
    const delay = opts.statePollMs * (0.8 + 0.4 * random());
    stateTimer = setTimeout(readState, delay);
    stateTimer.unref();
  };
  const readSoon = () => {
    if (Date.now() - lastRead >= SOON_MIN_GAP_MS) readState();
  };

  const onLine = (line: string) => {
    const event = lineEvent(line);
    if (!event) return;
    apply({ type: 'log', event, at: Date.now() });
    if (event.kind === 'cooldown-hit' && !tracker.isActive(event.provider ?? undefined)) readSoon();
  };

  const followCli = () => {
    logSource = 'openclaw logs --follow --json';
    cli = (async () => {
      while (!abort.signal.aborted) {
        const code = await opts.followCli(onLine, abort.signal);
        if (abort.signal.aborted) return;
        opts.log.warn({ exitCode: code }, 'openclaw logs --follow ended; starting it again');
        await new Promise((r) => setTimeout(r, CLI_RESTART_MS));
      }
    })();
  };

  if (opts.logFile) {
    logSource = opts.logFile;
    follower = followLogFile({
      pathAt: dailyPath(opts.logFile),
      tailBytes: TAIL_BYTES,
      ...(opts.filePollMs ? { pollMs: opts.filePollMs } : {}),
      ...(opts.fileNotify === false ? { notify: false } : {}),
      onLine,
      onNotice: (notice, path) => opts.log.info({ notice, path }, 'gateway log file'),
      onUnreadable: (err) => {
        opts.log.warn(
          { err: err.code, path: opts.logFile },
          'gateway log file unreadable; following openclaw logs',
        );
        followCli();
      },
    });
  } else followCli();

  const ticker = setInterval(() => apply({ type: 'tick', at: Date.now() }), opts.tickMs ?? 1_000);
  ticker.unref();
  readState();
  const gateway: GatewayWatch | null = opts.gateway
    ? watchGateway({ ...opts.gateway, onResult: (input) => apply(input), log: opts.log })
    : null;

  return {
    async close() {
      abort.abort();
      clearInterval(ticker);
      if (stateTimer) clearTimeout(stateTimer);
      await gateway?.close();
      await follower?.close();
      await cli;
      await reading;
      await publishing;
    },
  };
}

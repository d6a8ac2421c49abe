import { once } from 'node:events';
import { configWarnings, loadConfig } from '../config.js';
import type { HealthServer } from '../observe/health-server.js';
import { createMetrics } from '../observe/metrics.js';
import { serveHealth } from '../observe/serve-health.js';
import { HEARTBEAT_MS } from '../queue/heartbeats.js';
import { fixQueueName, queueName } from '../queue/keys.js';
import { createQueueHealth } from '../queue/queue-health.js';
import { describeRedis } from '../queue/redis.js';
import type { CooldownWatcher } from '../worker/cooldown-watcher.js';
import { parseVerbArgs } from './args.js';
import { createHostParts } from './host-parts.js';
import { EXIT, type Verb } from './io.js';

export const workerVerb: Verb = {
  name: 'worker',
  summary: "run this gateway host's worker: take its diagnosis jobs from Redis",
  help: `Usage: clawops worker

Runs on an OpenClaw gateway host. Connects to Redis (REDIS_URL), takes the diagnosis and
approved fix jobs addressed to this host (CLAWOPS_HOST), one of each at a time, and answers each
with a redacted result; raw OpenClaw output never leaves this host. Publishes a heartbeat
every 5 s for \`clawops hosts\` and /claw hosts.
On SIGTERM or Ctrl-C it takes no new job, lets a running diagnosis finish within
CLAWOPS_WORKER_STOP_GRACE_MS, hands it back to the queue otherwise, and exits.

Environment:
  REDIS_URL                     redis://[user:password@]host:port/db (required)
  CLAWOPS_HOST                  this host's name (default: the machine's hostname)
  OPENCLAW_BIN                  the openclaw executable (default: openclaw on PATH)
  CLAWOPS_REDIS_PREFIX          prefix of every Redis key (default: clawops)
  CLAWOPS_WORKER_LOCK_MS        a dead worker's job is retaken this long after it died (default 30000)
  CLAWOPS_WORKER_STOP_GRACE_MS  time a running diagnosis gets on shutdown (default 25000)
  CLAWOPS_PROBE_TIMEOUT_MS      one timeout for every openclaw command (default: each its own)
  CLAWOPS_FIX_SETTLE_MS         after a fix for a refused key or a rate limit, how long to wait
                                for a model call that shows whether it worked (default 60000)
  CLAWOPS_LOG_LEVEL             silent|error|warn|info|debug, JSON on stderr (default: warn)
  CLAWOPS_HEALTH_PORT           /healthz and /metrics (default 9091; off: neither)
  CLAWOPS_HEALTH_HOST           their address (default 127.0.0.1)

Alerts: the worker follows the gateway's log, reads the profiles' state
(\`openclaw models status --json\`) now and then and tries the gateway port; each episode
(cooldown, gateway-down, route-broken, credential-expiring) goes to the bot.
  CLAWOPS_GATEWAY_LOG           log file to follow; "cli": openclaw logs --follow --json;
                                "off": no watching (default: the gateway's logFile)
  CLAWOPS_STATE_POLL_MS         mean time between state reads, ±20 % (default 300000; 0: never)
  CLAWOPS_ALERT_QUIET_MS        an episode back within this long edits its alert (default 600000)
  CLAWOPS_ALERT_KINDS           the kinds watched for, comma-separated (default: all)
  CLAWOPS_EXPIRY_WARN_MS        credential-expiring this long before an expiry (default 86400000)
  CLAWOPS_GATEWAY_CHECK_MS      how often the gateway port is tried (default 15000; 0: never)
  CLAWOPS_GATEWAY_CONFIRM_MS    closed this long, then \`gateway status\` confirms (default 30000)
  OPENCLAW_PROFILE              the OpenClaw profile (gateway instance) watched (default: default)
`,
  async run(io) {
    const { values } = parseVerbArgs('worker', io.args, {
      help: { type: 'boolean', short: 'h', default: false },
    });
    if (values.help) {
      io.stdout(this.help);
      return EXIT.ok;
    }
    const config = loadConfig(io.env, 'worker');
    const { redisUrl } = config;
    for (const w of configWarnings(config, 'worker', io.env)) io.stderr(`clawops worker: warning: ${w}\n`);
    io.stderr(`clawops worker: ${config.host}: connecting to Redis at ${describeRedis(redisUrl)}…\n`);
    const queues = createQueueHealth({ redisUrl, prefix: config.redisPrefix, host: config.host });
    const metrics = createMetrics('worker', () => queues.depth());
    const host = createHostParts(config, { metrics, signal: io.signal });
    const worker = await host.startWorker(redisUrl);
    io.stderr(
      `clawops worker: ${config.host}: ready, taking jobs from ${queueName(config.host)} and ${fixQueueName(config.host)}\n`,
    );
    let health: HealthServer | null = null;
    let watcher: CooldownWatcher | null = null;
    try {
      health = await serveHealth(
        config,
        'worker',
        {
          redis: () => queues.redis(),
          heartbeat: async () => {
            const at = worker.lastHeartbeat();
            const age = at === null ? null : Date.now() - at;
            return age !== null && age < 3 * HEARTBEAT_MS
              ? { ok: true }
              : {
                  ok: false,
                  detail:
                    age === null ? 'no heartbeat yet' : `last heartbeat ${Math.round(age / 1000)} s ago`,
                };
          },
        },
        metrics,
      );
      if (health) io.stderr(`clawops worker: ${config.host}: /healthz and /metrics on port ${health.port}\n`);
      watcher = await host.startWatcher(redisUrl);
      io.stderr(
        `clawops worker: ${config.host}: ${watcher ? `watching for alerts: ${[...config.alerts.kinds].filter((k) => k !== 'worker-silent').join(', ')}` : 'not watching for alerts (CLAWOPS_GATEWAY_LOG=off)'}\n`,
      );
      if (!io.signal.aborted) await once(io.signal, 'abort');
      io.stderr(`clawops worker: ${config.host}: stopping…\n`);
    } finally {
      // Also when the health port is taken: nothing may keep the process alive after an error.
      await watcher?.close();
      await worker.close();
      await health?.close();
      await queues.close();
    }
    io.stderr(`clawops worker: ${config.host}: stopped\n`);
    return EXIT.ok;
  },
};

import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { RequestRecord } from '../core/dispatch.js';
import type { Diagnosis } from '../engine/diagnosis.js';

/** A queue's job counts by state, as BullMQ reports them. */
export type QueueDepth = { readonly queue: string; readonly state: string; readonly count: number };
/** How many known workers are live and how many silent, from their heartbeats. */
export type WorkerCounts = { readonly live: number; readonly silent: number };

/**
 * clawops' Prometheus metrics for one process (bot or worker), in a registry of its own. Only
 * labels with few values: command, platform, outcome, verdict label, probe, queue state.
 */
export function createMetrics(
  role: 'bot' | 'worker',
  queueDepth?: () => Promise<readonly QueueDepth[]>,
  workers?: () => Promise<WorkerCounts>,
) {
  const registry = new Registry();
  registry.setDefaultLabels({ role });
  collectDefaultMetrics({ register: registry, prefix: 'clawops_' });
  const requests = new Counter({
    name: 'clawops_requests_total',
    help: '/claw requests answered, by command, platform and outcome (ok, refused, error).',
    labelNames: ['command', 'platform', 'outcome'],
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'clawops_diagnosis_duration_seconds',
    help: 'Time to a verdict: on the bot from request to answer (queue included), on the worker the run.',
    buckets: [0.5, 1, 2, 5, 10, 20, 30, 45, 60, 90, 120, 300],
    registers: [registry],
  });
  const verdicts = new Counter({
    name: 'clawops_verdicts_total',
    help: 'Diagnoses by verdict label.',
    labelNames: ['label'],
    registers: [registry],
  });
  const probes = new Counter({
    name: 'clawops_probes_total',
    help: 'OpenClaw commands run by diagnoses, by probe and outcome (ok, failed, timeout).',
    labelNames: ['probe', 'outcome'],
    registers: [registry],
  });
  const alerts = new Counter({
    name: 'clawops_alerts_total',
    help: 'Cooldown alerts: episode versions published (worker) or delivered (bot), by status and outcome.',
    labelNames: ['status', 'outcome'],
    registers: [registry],
  });
  const failures = new Counter({
    name: 'clawops_diagnosis_failures_total',
    help: 'Diagnoses that ended without a verdict, by error code (not_picked_up, run_timeout, host_silent, …).',
    labelNames: ['code'],
    registers: [registry],
  });
  const approvals = new Counter({
    name: 'clawops_approvals_total',
    help: 'Approval trail entries by event (requested, approved, denied, refused, result).',
    labelNames: ['event'],
    registers: [registry],
  });
  if (queueDepth)
    new Gauge({
      name: 'clawops_queue_depth',
      help: 'Jobs in each clawops queue by state, read from Redis at scrape time.',
      labelNames: ['queue', 'state'],
      registers: [registry],
      async collect() {
        this.reset();
        for (const d of await queueDepth().catch(() => []))
          this.set({ queue: d.queue, state: d.state }, d.count);
      },
    });
  if (workers)
    new Gauge({
      name: 'clawops_workers',
      help: 'Known workers by state (live, silent), from their heartbeats at scrape time.',
      labelNames: ['state'],
      registers: [registry],
      async collect() {
        const counts = await workers().catch(() => null);
        this.reset();
        if (counts) for (const state of ['live', 'silent'] as const) this.set({ state }, counts[state]);
      },
    });

  return {
    registry,
    request(r: RequestRecord): void {
      requests.inc({ command: r.command, platform: r.platform, outcome: r.outcome });
    },
    diagnosis(d: Diagnosis, seconds: number): void {
      duration.observe(seconds);
      verdicts.inc({ label: d.verdict.label });
      for (const p of d.probes)
        probes.inc({ probe: p.name, outcome: p.timedOut ? 'timeout' : p.exitCode === 0 ? 'ok' : 'failed' });
    },
    diagnosisFailed(code: string): void {
      failures.inc({ code });
    },
    alert(status: 'active' | 'resolved', outcome: 'published' | 'delivered' | 'failed'): void {
      alerts.inc({ status, outcome });
    },
    approval(event: string): void {
      approvals.inc({ event });
    },
  };
}

export type Metrics = ReturnType<typeof createMetrics>;

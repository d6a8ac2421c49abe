import { z } from 'zod';
import { DiagnosisSchema } from '../engine/diagnosis.js';
import { UserError } from './errors.js';

/** A worker's host name: what `CLAWOPS_HOST` holds and `/claw diagnose <host>` names. */
export const HostNameSchema = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(100)
  .regex(/^[\w.-]+$/, 'letters, digits, ".", "-" and "_" only');

/** A platform event's id (Slack trigger, Discord interaction): the same event is one request. */
export const RequestIdSchema = z
  .string()
  .min(1)
  .max(120)
  .regex(/^[\w.-]+$/, 'letters, digits, ".", "-" and "_" only');

/** An OpenClaw agent id, as `agents.entries` keys it and `/claw diagnose <host> <agent>` names it. */
export const AgentIdSchema = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(64)
  .regex(/^[\w-]+$/, 'letters, digits, "-" and "_" only');

/** What the bot asks a worker to do. The worker parses it again: a process boundary is a trust boundary. */
export const DiagnoseJobSchema = z.strictObject({
  kind: z.literal('diagnose'),
  requestId: RequestIdSchema,
  host: HostNameSchema,
  /**
   * Where the answer goes: the invocation's `replyTo` (`slack:C123:1712345678.0001`). The worker
   * never posts; the result travels back on the queue and the bot posts it there. The worker
   * passes it on to the diagnoses a fix runs before and after.
   */
  replyTo: z.string().min(1).max(1000),
  requestedBy: z.string().min(1).max(200),
  deep: z.boolean().default(false),
  /** Diagnose this agent's routes; absent: the gateway's default agent. */
  agent: AgentIdSchema.optional(),
});
export type DiagnoseJob = z.infer<typeof DiagnoseJobSchema>;
/** A request as the bot states it; `deep` may be left out. */
export type DiagnoseRequest = z.input<typeof DiagnoseJobSchema>;

/** One probe starting or finishing: the only thing about a run that travels before its result. */
export const RunProgressSchema = z.strictObject({
  probe: z.string().min(1).max(40),
  state: z.enum(['started', 'done']),
  ok: z.boolean().optional(),
  durationMs: z.number().nonnegative().optional(),
});
export type RunProgress = z.infer<typeof RunProgressSchema>;

const ArgvSchema = z.array(z.string().max(1000)).max(64);

/**
 * How a worker restarts and starts its gateway and the exact argv of its fixes, so the bot
 * offers only what the host can run and the approval request shows what will run. `start` is
 * `null` where the worker cannot start a stopped gateway (no service manager, no start command).
 */
export const FixCommandsSchema = z.object({
  restart: z.object({ method: z.enum(['openclaw', 'systemd', 'compose']), argv: ArgvSchema }),
  start: z
    .object({ method: z.enum(['openclaw', 'systemd', 'compose', 'command']), argv: ArgvSchema })
    .nullable(),
  doctorFix: ArgvSchema,
});
export type FixCommands = z.infer<typeof FixCommandsSchema>;

/** What a worker says about itself, every few seconds. */
export const HeartbeatSchema = z.object({
  host: HostNameSchema,
  clawopsVersion: z.string().max(40),
  openclawVersion: z.string().max(40).nullable(),
  pid: z.number().int(),
  startedAt: z.number(),
  lastSeen: z.number(),
  /** Absent from workers that predate it, and until the worker has looked at its host. */
  fixCommands: FixCommandsSchema.optional(),
});
export type Heartbeat = z.infer<typeof HeartbeatSchema>;

/** This process's heartbeat as of now, for a worker that started at `startedAt`. */
export const heartbeatNow = (w: Omit<Heartbeat, 'pid' | 'lastSeen'>): Heartbeat => ({
  ...w,
  pid: process.pid,
  lastSeen: Date.now(),
});

/** A worker as `/claw hosts` lists it: live while its heartbeats arrive, silent after. */
export type HostStatus = Heartbeat & { readonly state: 'live' | 'silent' };

/** Checks a request before anything is queued; a mistake becomes a usage error naming the field. */
export function parseDiagnoseRequest(request: DiagnoseRequest): DiagnoseJob {
  const parsed = DiagnoseJobSchema.safeParse(request);
  if (parsed.success) return parsed.data;
  throw new UserError('usage', `invalid diagnosis request:\n${z.prettifyError(parsed.error)}`);
}

/** The fixes clawops itself may run, once approved. The rest are for a person to run. */
export const RUNNABLE_FIXES = ['restart-gateway', 'start-gateway', 'doctor-fix', 'clear-cooldown'] as const;
export type RunnableFix = (typeof RUNNABLE_FIXES)[number];
/** Fixes that restart the gateway: a second person approves them, and a budget caps them. */
export const RESTART_CLASS: ReadonlySet<string> = new Set(['restart-gateway', 'start-gateway', 'doctor-fix']);

/** An approved fix for a worker to run, after checking the verdict still calls for it. */
export const FixJobSchema = z.strictObject({
  kind: z.literal('fix'),
  requestId: RequestIdSchema,
  host: HostNameSchema,
  fix: z.enum(RUNNABLE_FIXES),
  /** Where the fix's result goes: the approving click's `replyTo`, as in a diagnosis job. */
  replyTo: z.string().min(1).max(1000),
  requestedBy: z.string().min(1).max(200),
  approvedBy: z.string().min(1).max(200),
});
export type FixJob = z.infer<typeof FixJobSchema>;

/** Every job a worker takes. */
export const JobSchema = z.discriminatedUnion('kind', [DiagnoseJobSchema, FixJobSchema]);

/** What became of an approved fix: run (and whether it worked), or refused before running. */
export const FixResultSchema = z.object({
  /** `unconfirmed`: it ran, and nothing since shows whether the failure it was for is over. */
  outcome: z.enum(['fixed', 'not-fixed', 'unconfirmed', 'failed', 'refused']),
  /** One or two sentences for the thread. */
  reason: z.string(),
  argv: z.array(z.string()).nullable(),
  exitCode: z.number().int().nullable(),
  before: DiagnosisSchema,
  after: DiagnosisSchema.nullable(),
});
export type FixResult = z.infer<typeof FixResultSchema>;

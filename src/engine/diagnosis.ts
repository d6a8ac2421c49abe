import { z } from 'zod';

/** Every conclusion a diagnosis can reach (the README's label table; docs/ARCHITECTURE.md section 6). */
export const LABELS = [
  'healthy',
  'missing_auth',
  'invalid_key',
  'permission_denied',
  'oauth_refresh_failed',
  'env_override',
  'model_unavailable',
  'billing',
  'rate_limited',
  'overloaded',
  'cooldown',
  'gateway_client_auth',
  'gateway_down',
  'network',
  'config_invalid',
  'openclaw_missing',
  'unknown',
] as const;
export const LabelSchema = z.enum(LABELS);
export type Label = z.infer<typeof LabelSchema>;

/** Who has to act. `null` for `healthy` and `unknown`. */
export const OWNERS = [
  'openclaw-config',
  'anthropic-account',
  'oauth-profile',
  'environment',
  'provider',
  'openclaw-cooldown',
  'gateway-auth',
  'gateway-runtime',
  'network',
  'worker-host',
] as const;
export const OwnerSchema = z.enum(OWNERS).nullable();
export type Owner = z.infer<typeof OwnerSchema>;

export const ConfidenceSchema = z.enum(['high', 'medium', 'low']);
export type Confidence = z.infer<typeof ConfidenceSchema>;

export const EvidenceSchema = z.object({ source: z.string(), text: z.string() });
export type Evidence = z.infer<typeof EvidenceSchema>;

/**
 * Why a conclusion was reached: the rule that matched, the words it matched (of the redacted
 * text), and the provider the evidence is about when it names one.
 */
const Why = {
  rule: z.string().optional(),
  span: z.string().optional(),
  provider: z.string().optional(),
};

export const VerdictSchema = z.object({
  label: LabelSchema,
  cause: LabelSchema.optional(),
  owner: OwnerSchema,
  summary: z.string(),
  confidence: ConfidenceSchema,
  ...Why,
});
export type Verdict = z.infer<typeof VerdictSchema>;

export const FindingSchema = z.object({
  label: LabelSchema,
  title: z.string(),
  evidence: z.array(EvidenceSchema),
  fixes: z.array(z.string()),
  ...Why,
  /** Set when the finding is about one agent, not the whole gateway. */
  agent: z.string().optional(),
});
export type Finding = z.infer<typeof FindingSchema>;

export const AuthRouteSchema = z.object({
  provider: z.string(),
  source: z.enum(['profile', 'env', 'config', 'missing']),
  profileId: z.string().optional(),
  fingerprint: z.string().optional(),
  shadowed: z.array(z.object({ source: z.string(), fingerprint: z.string().optional() })),
});
export type AuthRoute = z.infer<typeof AuthRouteSchema>;

export const CooldownSchema = z.object({
  profileId: z.string(),
  provider: z.string(),
  kind: z.enum(['cooldown', 'disabled']),
  reason: z.string().nullable(),
  until: z.string().nullable(),
  remainingMs: z.number().nullable(),
});
export type Cooldown = z.infer<typeof CooldownSchema>;

export const RouteStateSchema = z.enum([
  'usable',
  'cooldown',
  'disabled',
  'missing_credential',
  'unknown_model',
  'provider_not_configured',
]);
export type RouteState = z.infer<typeof RouteStateSchema>;

/** One model the gateway may send a turn to, in failover order: the primary, then each fallback. */
export const RouteSchema = z.object({
  provider: z.string(),
  model: z.string(),
  role: z.enum(['primary', 'fallback']),
  auth: z.object({
    source: AuthRouteSchema.shape.source,
    profileId: z.string().optional(),
    fingerprint: z.string().optional(),
  }),
  state: RouteStateSchema,
  /** Why it is not usable: the cooldown or disable reason, or what is missing. */
  reason: z.string().nullable(),
  /** End of a cooldown or disabled window. */
  until: z.string().nullable(),
  /** The last failure the log shows for this provider. */
  lastFailure: z.object({ label: LabelSchema, text: z.string(), at: z.string().nullable() }).nullable(),
});
export type Route = z.infer<typeof RouteSchema>;

/** Where traffic goes when the primary fails, in one line for a person. */
export const FailoverSchema = z.object({
  /** The agent whose chain this is. */
  agent: z.string(),
  /** The route traffic goes to if the primary fails (or is failing), `provider/model`. */
  next: z.string().nullable(),
  /** Some route of the chain can take a turn now. */
  usable: z.boolean(),
  conclusion: z.string(),
});
export type Failover = z.infer<typeof FailoverSchema>;

/** One configured agent and whether it has a credential for its primary route. */
export const AgentSummarySchema = z.object({
  id: z.string(),
  isDefault: z.boolean(),
  primary: z.string().nullable(),
  /** `unknown` when its credentials could not be read. */
  credential: z.enum(['profile', 'env', 'config', 'missing', 'unknown']),
});
export type AgentSummary = z.infer<typeof AgentSummarySchema>;

export const ProbeSummarySchema = z.object({
  name: z.string(),
  argv: z.array(z.string()),
  exitCode: z.number().nullable(),
  durationMs: z.number(),
  timedOut: z.boolean(),
});
export type ProbeSummary = z.infer<typeof ProbeSummarySchema>;

/** The stable result of `clawops diagnose --json` (docs/ARCHITECTURE.md section 6). */
export const DiagnosisSchema = z.object({
  schemaVersion: z.literal(1),
  host: z.string(),
  openclawVersion: z.string().nullable(),
  startedAt: z.string(),
  durationMs: z.number(),
  verdict: VerdictSchema,
  findings: z.array(FindingSchema),
  authRoute: AuthRouteSchema.nullable(),
  cooldowns: z.array(CooldownSchema),
  probes: z.array(ProbeSummarySchema),
  redactions: z.number().int().nonnegative(),
  /** Added after schemaVersion 1 shipped: a diagnosis from an older worker has none. */
  routes: z.array(RouteSchema).default([]),
  failover: FailoverSchema.nullable().default(null),
  agents: z.array(AgentSummarySchema).default([]),
  /**
   * Set when the diagnosis judged only the log since a time (the after-check of a fix): what the
   * log shows since then, and the failures from before it, which are history.
   */
  since: z
    .object({
      at: z.string(),
      /** Model calls that succeeded, and provider failures, since `at`. */
      successes: z.number().int().nonnegative(),
      failures: z.number().int().nonnegative(),
      history: z.array(EvidenceSchema),
    })
    .optional(),
});
export type Diagnosis = z.infer<typeof DiagnosisSchema>;

/** The result of `clawops explain --json`. */
export const ExplanationSchema = z.object({
  schemaVersion: z.literal(1),
  verdict: VerdictSchema,
  findings: z.array(FindingSchema),
});
export type Explanation = z.infer<typeof ExplanationSchema>;

import { z } from 'zod';

/** Every conclusion a diagnosis can reach (DESIGN.md section 2). */
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

export const ProbeSummarySchema = z.object({
  name: z.string(),
  argv: z.array(z.string()),
  exitCode: z.number().nullable(),
  durationMs: z.number(),
  timedOut: z.boolean(),
});
export type ProbeSummary = z.infer<typeof ProbeSummarySchema>;

/** The stable result of `clawops diagnose --json` (DESIGN.md section 3). */
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
});
export type Diagnosis = z.infer<typeof DiagnosisSchema>;

/** The result of `clawops explain --json`. */
export const ExplanationSchema = z.object({
  schemaVersion: z.literal(1),
  verdict: VerdictSchema,
  findings: z.array(FindingSchema),
});
export type Explanation = z.infer<typeof ExplanationSchema>;

import { z } from 'zod';

/** A primary model and the fallbacks OpenClaw tries after it, in order (`provider/model` refs). */
export type ModelChain = { readonly primary: string | null; readonly fallbacks: readonly string[] };

/** One configured agent and the model chain it really uses. */
export type AgentConfig = {
  readonly id: string;
  readonly isDefault: boolean;
  readonly chain: ModelChain;
  /** The agent sets its own `model` instead of using `agents.defaults.model`. */
  readonly overridesDefault: boolean;
};

/** What the gateway's config says about routes: the default chain, every agent, the providers. */
export type RoutesConfig = {
  readonly defaults: ModelChain;
  readonly agents: readonly AgentConfig[];
  /** Provider ids under `models.providers`. */
  readonly providers: ReadonlySet<string>;
};

const refs = z
  .array(z.unknown())
  .catch([])
  .transform((xs) => xs.filter((x): x is string => typeof x === 'string' && x !== ''));

/** `model` is a `provider/model` string or `{ primary, fallbacks }`. */
const ModelSchema = z.union([
  z.string().transform((primary) => ({ primary, fallbacks: undefined as string[] | undefined })),
  z.looseObject({
    primary: z.string().optional().catch(undefined),
    fallbacks: refs.optional(),
  }),
]);

const AgentSchema = z.looseObject({
  id: z.string().optional().catch(undefined),
  default: z.boolean().optional().catch(undefined),
  model: ModelSchema.optional().catch(undefined),
});

const ConfigSchema = z.looseObject({
  agents: z
    .looseObject({
      defaults: z.looseObject({ model: ModelSchema.optional().catch(undefined) }).catch({}),
      entries: z.record(z.string(), AgentSchema.catch({})).optional().catch(undefined),
      list: z.array(AgentSchema.catch({})).optional().catch(undefined),
    })
    .catch({ defaults: {} }),
  models: z.looseObject({ providers: z.record(z.string(), z.unknown()).catch({}) }).catch({ providers: {} }),
});

const DEFAULT_AGENT = 'main';

/**
 * The agent's own chain. OpenClaw: a string `model` is a strict primary (no fallbacks), and an
 * object without `fallbacks` is strict too; only `{ primary, fallbacks }` opts the agent in.
 */
function agentChain(model: z.output<typeof ModelSchema> | undefined, defaults: ModelChain): ModelChain {
  if (!model) return defaults;
  return { primary: model.primary ?? defaults.primary, fallbacks: model.fallbacks ?? [] };
}

/** Reads the route-related part of an OpenClaw config (already parsed). Unknown shapes read as empty. */
export function readRoutesConfig(cfg: unknown): RoutesConfig {
  const parsed = ConfigSchema.safeParse(cfg ?? {});
  const c = parsed.success ? parsed.data : ConfigSchema.parse({});
  const model = c.agents.defaults.model;
  const defaults: ModelChain = { primary: model?.primary ?? null, fallbacks: model?.fallbacks ?? [] };
  const listed = [
    ...Object.entries(c.agents.entries ?? {}).map(([id, a]) => ({ ...a, id })),
    ...(c.agents.list ?? []).filter((a) => a.id),
  ].filter((a, i, all) => all.findIndex((b) => b.id === a.id) === i);
  const defaultId = listed.find((a) => a.default)?.id ?? listed[0]?.id ?? DEFAULT_AGENT;
  const agents: AgentConfig[] = listed.map((a) => ({
    id: a.id as string,
    isDefault: a.id === defaultId,
    chain: agentChain(a.model, defaults),
    overridesDefault: a.model !== undefined,
  }));
  if (agents.length === 0)
    agents.push({ id: DEFAULT_AGENT, isDefault: true, chain: defaults, overridesDefault: false });
  return { defaults, agents, providers: new Set(Object.keys(c.models.providers)) };
}

import type { Candidate, Rule } from './candidate.js';
import type { Confidence, Evidence, Finding, Verdict } from './diagnosis.js';
import type { Facts } from './facts.js';
import { LABEL_INFO } from './labels.js';
import { missingAuth, oauthRefresh, wrongProvider } from './rules-auth.js';
import { envOverrideEffective, envOverrideShadowed } from './rules-env.js';
import {
  configInvalid,
  gatewayClientAuth,
  gatewayClientAuthElsewhere,
  gatewayDown,
  openclawMissing,
} from './rules-gateway.js';
import {
  billingDisabled,
  cooldown,
  eventsSince,
  failureBefore,
  historyEvidence,
  providerFailure,
} from './rules-provider.js';

/**
 * Rules in the order their conclusions outrank each other: first what makes every other
 * observation unreliable (no CLI, no config, no gateway, the wrong page), then the route's
 * configuration, then what Anthropic answered, then a client the gateway refused while this
 * host's CLI got through. The first conclusion is the verdict; the rest become findings.
 */
const RULES: readonly (readonly [string, Rule])[] = [
  ['openclaw-missing', openclawMissing],
  ['config-invalid', configInvalid],
  ['gateway-down', gatewayDown],
  ['gateway-client-auth', gatewayClientAuth],
  ['wrong-provider', wrongProvider],
  ['oauth-refresh', oauthRefresh],
  ['missing-auth', missingAuth],
  ['env-override', envOverrideEffective],
  ['billing-disabled', billingDisabled],
  ['cooldown', cooldown],
  ['provider-failure', providerFailure],
  ['failure-before', failureBefore],
  ['gateway-client-auth-elsewhere', gatewayClientAuthElsewhere],
  ['env-override-shadowed', envOverrideShadowed],
];

/** Evidence lines per finding; more is noise for a person and a risk for chat limits. */
const MAX_EVIDENCE = 6;
/** Lines about how clawops got its evidence, added to the verdict's finding. */
const MAX_NOTES = 3;

function healthyOrUnknown(f: Facts): Candidate {
  const up = f.gateway?.rpcOk === true || f.obs.port?.state === 'open';
  const authed =
    f.models?.providers.some((p) => p.provider === 'anthropic' && p.effectiveKind !== 'missing') ?? false;
  const problems: Evidence[] = f.probeProblems.map((text) => ({ source: 'clawops', text }));
  if (up && authed) {
    const logRead = f.obs.log !== undefined;
    return {
      label: 'healthy',
      confidence: problems.length > 0 || !logRead ? 'medium' : 'high',
      evidence: [
        {
          source: 'gateway-status',
          text: f.gateway?.rpcOk ? 'gateway reachable, RPC ok' : 'gateway port open',
        },
        {
          source: 'models-status',
          text: 'anthropic has a configured credential and no profile is cooling down',
        },
        { source: 'logs', text: logText(f, logRead) },
        ...historyEvidence(f),
        ...problems,
      ],
    };
  }
  const seen: Evidence[] = [
    {
      source: 'gateway-status',
      text: f.gateway ? `gateway RPC ${f.gateway.rpcOk ? 'ok' : 'not ok'}` : 'no usable answer',
    },
    {
      source: 'models-status',
      text: f.models ? `anthropic credential: ${authed ? 'present' : 'not shown'}` : 'no usable answer',
    },
    ...problems,
  ];
  return {
    label: 'unknown',
    confidence: 'low',
    evidence: seen,
    summary: `The evidence does not match a known failure. Seen: ${seen.map((e) => `${e.source}: ${e.text}`).join('; ')}.`,
  };
}

/** What the log says for a healthy verdict: of the last hour, or since a fix. */
function logText(f: Facts, logRead: boolean): string {
  if (!logRead) return 'the gateway log could not be read, so recent provider failures are unknown';
  if (f.since === null) return 'no provider failure in the last hour of the gateway log';
  const at = new Date(f.since).toISOString();
  const { successes } = eventsSince(f);
  return successes > 0
    ? `no provider failure since ${at}, and ${successes} model call${successes > 1 ? 's' : ''} succeeded since`
    : `no provider failure since ${at}`;
}

type Named = Candidate & { readonly rule: string };

function toFinding(c: Named): Finding {
  return {
    label: c.label,
    title: LABEL_INFO[c.label].title,
    evidence: c.evidence.slice(0, MAX_EVIDENCE).map((e) => ({ ...e })),
    fixes: [...(c.fixes ?? LABEL_INFO[c.label].fixes)],
    rule: c.rule,
    ...(c.span ? { span: c.span } : {}),
  };
}

/** Runs the rules over the facts. Pure. */
export function classify(facts: Facts): { verdict: Verdict; findings: Finding[] } {
  const candidates = RULES.flatMap(([name, rule]): Named[] => {
    const c = rule(facts);
    // A rule that concluded from a log line names the text rule too: `provider-failure/rate-limit`.
    return c ? [{ ...c, rule: c.rule ? `${name}/${c.rule}` : name }] : [];
  });
  const ranked: Named[] =
    candidates.length > 0 ? candidates : [{ ...healthyOrUnknown(facts), rule: 'no-failure' }];
  const byLabel = new Map<string, Named>();
  for (const c of ranked) {
    const seen = byLabel.get(c.label);
    byLabel.set(c.label, seen ? { ...seen, evidence: [...seen.evidence, ...c.evidence] } : c);
  }
  const top = ranked[0] as Named;
  const info = LABEL_INFO[top.label];
  const confidence: Confidence =
    top.confidence === 'high' && facts.probeProblems.length > 0 && top.label !== 'openclaw_missing'
      ? 'medium'
      : top.confidence;
  const verdict: Verdict = {
    label: top.label,
    ...(top.cause ? { cause: top.cause } : {}),
    owner: info.owner,
    summary: top.summary ?? info.summary,
    confidence,
    rule: top.rule,
    ...(top.span ? { span: top.span } : {}),
  };
  const findings = [...byLabel.values()].map(toFinding);
  // How the evidence was obtained (a probe that timed out, a file read through the CLI instead).
  const head = findings[0];
  const how = [...facts.probeProblems, ...facts.obs.notes].map((text) => ({ source: 'clawops', text }));
  if (head) {
    const fresh = how.filter((h) => !head.evidence.some((e) => e.text === h.text));
    head.evidence.push(...fresh.slice(0, MAX_NOTES));
  }
  return { verdict, findings };
}

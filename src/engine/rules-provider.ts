import type { Rule } from './candidate.js';
import { clock, eventEvidence, eventWhy, firstAndLast, routeEvents } from './candidate.js';
import { reasonLabel } from './cooldown-cause.js';
import type { Evidence, Label } from './diagnosis.js';
import type { Facts } from './facts.js';
import { LABEL_INFO } from './labels.js';
import type { LogEvent } from './log-events.js';
import { openWindows, type UnusableProfile } from './parse/models-status.js';

/**
 * Failures that happen between the gateway and Anthropic (the rest have rules of their own):
 * only a model call shows whether one is over.
 */
export const PROVIDER_LABELS: ReadonlySet<Label> = new Set([
  'invalid_key',
  'permission_denied',
  'billing',
  'rate_limited',
  'overloaded',
  'network',
  'model_unavailable',
  'unknown',
]);

const remaining = (ms: number | null): string => {
  if (ms === null) return 'unknown time';
  const min = Math.ceil(ms / 60_000);
  return min >= 120 ? `${Math.round(min / 60)} h` : `${min} min`;
};

function unusableEvidence(u: UnusableProfile): Evidence {
  const until = u.until ? ` until ${new Date(u.until).toISOString()}` : '';
  return {
    source: 'models-status',
    text: `${u.profileId} ${u.kind} (${u.reason ?? 'no reason given'})${until}, ${remaining(u.remainingMs)} left`,
  };
}

function activeUnusable(f: Facts): UnusableProfile[] {
  return openWindows(f.models, 'anthropic');
}

const providerFailures = (f: Facts, from: readonly LogEvent[] = f.events): LogEvent[] =>
  routeEvents(f, 'failure', from).filter((e) => PROVIDER_LABELS.has(e.label));

/** The log's route events since a fix: the model calls that succeeded, and the failures. */
export function eventsSince(f: Facts): { successes: number; failures: number } {
  return {
    successes: routeEvents(f, 'success').length,
    failures: providerFailures(f).filter((e) => !e.text.startsWith('doctor:')).length,
  };
}

/** The provider failures from before a fix, first and last of the latest kind, marked as such. */
export function historyEvidence(f: Facts): Evidence[] {
  if (f.since === null) return [];
  const before = providerFailures(f, f.history);
  const last = before.at(-1);
  if (!last) return [];
  const same = before.filter((e) => e.label === last.label);
  return firstAndLast(same).map((e) => ({ ...e, text: `before ${clock(f.since)}: ${e.text}` }));
}

/**
 * After a fix: a provider failure from before it, and no model call since. It is the last word the
 * log has, so it stands, but only as that: nothing has tried the route since the fix ended.
 */
export const failureBefore: Rule = (f) => {
  if (f.since === null) return null;
  const since = eventsSince(f);
  if (since.successes > 0 || since.failures > 0) return null;
  const before = providerFailures(f, f.history);
  const last = before.at(-1);
  if (!last) return null;
  // A turn that got its answer after it, still before the fix, had the last word.
  const lastTime = last.time ?? Number.NEGATIVE_INFINITY;
  if (routeEvents(f, 'success', f.history).some((s) => s.time !== null && s.time > lastTime)) return null;
  return {
    ...eventWhy(last),
    label: last.label,
    confidence: 'low',
    evidence: [
      ...historyEvidence(f),
      { source: 'logs', text: `no model call since ${new Date(f.since).toISOString()}` },
    ],
    summary: `${LABEL_INFO[last.label].summary} Seen at ${clock(last.time)}, before ${clock(f.since)}; no model call has run since, so the log cannot tell yet whether it is over.`,
  };
};

/** A success after the last failure means the failure may be over; say so. */
function recoveredAfter(f: Facts, events: readonly LogEvent[]): LogEvent | undefined {
  const lastTime = events.at(-1)?.time ?? null;
  if (lastTime === null) return undefined;
  return routeEvents(f, 'success').find((s) => s.time !== null && s.time > lastTime);
}

/** Anthropic billing refused and OpenClaw put the profile in the disabled lane; nothing met it yet. */
export const billingDisabled: Rule = (f) => {
  const disabled = activeUnusable(f).filter((u) => u.kind === 'disabled' && u.reason === 'billing');
  // Once requests are refused because of the disabled profile, the visible symptom is the
  // cooldown; the cooldown rule reports it with billing as its cause.
  if (disabled.length === 0 || routeEvents(f, 'cooldown-hit').length > 0) return null;
  const logged = providerFailures(f).filter((e) => e.label === 'billing');
  const first = disabled[0];
  return {
    label: 'billing',
    confidence: 'high',
    evidence: [...disabled.map(unusableEvidence), ...firstAndLast(logged)],
    summary: `Anthropic refused for billing (credit balance too low) and OpenClaw disabled ${first?.profileId} for ${remaining(first?.remainingMs ?? null)} more. Top up, then clear the lockout with \`openclaw models auth login --provider anthropic\`; a gateway restart does not clear it.`,
  };
};

/**
 * Requests met a cooled-down profile, or a profile is cooling down with no failure in the log to
 * explain it (the state survives restarts and log rotation). The cause is the first failure.
 */
export const cooldown: Rule = (f) => {
  const hits = routeEvents(f, 'cooldown-hit');
  const active = activeUnusable(f);
  // A billing-disabled profile nothing has met yet is the billing rule's.
  const cooling = active.filter((u) => !(u.kind === 'disabled' && u.reason === 'billing'));
  const failures = providerFailures(f);
  if (hits.length === 0 && (cooling.length === 0 || failures.length > 0)) return null;
  const first = failures[0];
  const stateReason = active[0]?.reason;
  const cause: Label | undefined =
    first?.label ?? hits.find((h) => h.cause)?.cause ?? reasonLabel(stateReason);
  const evidence: Evidence[] = [...active.map(unusableEvidence)];
  if (first) evidence.push({ ...eventEvidence(first), text: `first failure: ${eventEvidence(first).text}` });
  evidence.push(...firstAndLast(hits));
  const recovered = recoveredAfter(f, hits);
  const causeText = cause
    ? `${LABEL_INFO[cause].title.toLowerCase()}${first ? ` at ${clock(first.time)}` : ''}`
    : 'a failure clawops could not find';
  const summary =
    `OpenClaw put the Anthropic profile in cooldown after ${causeText}` +
    `${hits.length > 0 ? `; requests then met the cooldown, last at ${clock(hits.at(-1)?.time ?? null)}` : ''}. Fix the first failure; the cooldown is the symptom.` +
    (recovered ? ` A turn at ${clock(recovered.time)} succeeded, so it may be over.` : '');
  // The cause's own fixes come first: clearing a cooldown before fixing its cause only restarts it.
  const fixes = [...new Set([...(cause ? LABEL_INFO[cause].fixes : []), ...LABEL_INFO.cooldown.fixes])];
  const why = eventWhy(hits[0] ?? first);
  return cause
    ? {
        label: 'cooldown',
        cause,
        confidence: recovered ? 'medium' : 'high',
        evidence,
        summary,
        fixes,
        ...why,
      }
    : { label: 'cooldown', confidence: 'medium', evidence, summary, fixes, ...why };
};

/** The latest failure between the gateway and Anthropic decides; the first one is shown too. */
export const providerFailure: Rule = (f) => {
  const failures = providerFailures(f);
  const last = failures.at(-1);
  if (!last) return null;
  const same = failures.filter((e) => e.label === last.label);
  const evidence: Evidence[] = firstAndLast(same);
  for (const u of activeUnusable(f)) evidence.push(unusableEvidence(u));
  const usable =
    f.models &&
    activeUnusable(f).length === 0 &&
    f.models.providers.some((p) => p.provider === 'anthropic' && p.effectiveKind === 'profiles');
  if (usable && (last.label === 'invalid_key' || last.label === 'permission_denied')) {
    evidence.push({
      source: 'models-status',
      text: 'models status lists the Anthropic profile as configured; it does not test the key, Anthropic does',
    });
  }
  const recovered = recoveredAfter(f, failures);
  // One failed call shows up in several lines (its outcome, the lane error, the CLI's echo):
  // count the calls when the log has their records.
  const calls = same.some((e) => e.call) ? same.filter((e) => e.call) : same;
  const span =
    calls.length > 1
      ? `${calls.length} times between ${clock(calls[0]?.time ?? null)} and ${clock(calls.at(-1)?.time ?? null)}`
      : `at ${clock(calls[0]?.time ?? null)}`;
  return {
    ...eventWhy(last),
    label: last.label,
    confidence: recovered ? 'medium' : last.label === 'unknown' ? 'low' : 'high',
    evidence,
    summary: `${LABEL_INFO[last.label].summary} Seen ${span}.${recovered ? ` A turn at ${clock(recovered.time)} succeeded since, so it may be over.` : ''}`,
  };
};

import type { Confidence, Evidence, Label } from './diagnosis.js';
import type { Facts } from './facts.js';
import type { FixId } from './fixes.js';
import type { LogEvent } from './log-events.js';

/** A conclusion one rule can support, before findings are merged and ranked. */
export type Candidate = {
  readonly label: Label;
  readonly cause?: Label;
  readonly confidence: Confidence;
  readonly evidence: readonly Evidence[];
  /** Replaces the label's default summary when the rule can say something more precise. */
  readonly summary?: string;
  /** Replaces the label's default fixes. */
  readonly fixes?: readonly FixId[];
  /** The text rule of the log line the conclusion rests on, and the words it matched. */
  readonly rule?: string;
  readonly span?: string;
};

/** The rule and span of the event a conclusion rests on, for a candidate. */
export function eventWhy(event: LogEvent | undefined): { rule?: string; span?: string } {
  if (!event) return {};
  return { ...(event.rule ? { rule: event.rule } : {}), ...(event.span ? { span: event.span } : {}) };
}

/** A rule reads the facts and supports a conclusion, or stays silent. Rules are pure. */
export type Rule = (facts: Facts) => Candidate | null;

/** `HH:MM:SS` (UTC) of a log time, for summaries. */
export function clock(time: number | null): string {
  return time === null ? '?' : new Date(time).toISOString().slice(11, 19);
}

export function eventEvidence(event: LogEvent): Evidence {
  // Doctor findings carry no time of their own.
  if (event.text.startsWith('doctor:')) return { source: 'doctor', text: event.text };
  return {
    source: 'logs',
    text: event.time === null ? event.text : `${new Date(event.time).toISOString()} ${event.text}`,
  };
}

/** The first and the last of a run of events, which is what a person needs to see. */
export function firstAndLast(events: readonly LogEvent[]): Evidence[] {
  const first = events[0];
  const last = events.at(-1);
  if (!first || !last) return [];
  return first === last ? [eventEvidence(first)] : [eventEvidence(first), eventEvidence(last)];
}

/** Providers whose events concern the Anthropic route: anthropic itself and the default model's provider. */
export function routeProviders(facts: Facts): ReadonlySet<string> {
  const own = facts.models?.defaultModel?.split('/')[0];
  return new Set(['anthropic', ...(own ? [own] : [])]);
}

/** The route's events of one kind: of the current ones, or of `from` (the history before a fix). */
export function routeEvents(
  facts: Facts,
  kind: LogEvent['kind'],
  from: readonly LogEvent[] = facts.events,
): LogEvent[] {
  const providers = routeProviders(facts);
  return from.filter((e) => e.kind === kind && (e.provider === null || providers.has(e.provider)));
}

import { type ActionStore, isActionId } from './action-store.js';
import type { CommandContext, FixPolicy, Invocation } from './command.js';
import { given, parseArgs } from './command-args.js';
import type { CommandInput } from './command-input.js';
import { BotError, UserError } from './errors.js';
import { type Message, textMessage } from './message.js';
import type { PendingStore } from './pending.js';
import type { Registry } from './registry.js';
import type { DiagnosisTransport } from './transport.js';

/**
 * Who may use `/claw`, by platform ids: channels where it may be used, and people, by user id or
 * (Discord) role id. Empty lists allow everyone.
 */
export type Access = {
  readonly channels: readonly string[];
  readonly users: readonly string[];
  readonly roles?: readonly string[];
};

export type DispatchDeps = {
  readonly registry: Registry;
  readonly transport: DiagnosisTransport;
  readonly actions: ActionStore;
  readonly fixes: FixPolicy;
  readonly access: Access;
  /** The host meant when a command names none; else the only live host. */
  readonly defaultHost?: string | undefined;
  readonly logError?: (err: unknown, invocation: Invocation) => void;
  /** Turns a failure of a part (Redis full, …) into a message for the person; `null` when it cannot. */
  readonly describeError?: (err: unknown) => UserError | null;
  /** Where queued requests wait for their answer (with Redis): a restarted bot answers them. */
  readonly pending?: PendingStore | undefined;
  /** Told of every request once it is answered: for metrics and the request log. */
  readonly onRequest?: (done: RequestRecord) => void;
};

/** One answered request: which command (`unknown` for none), where, how it ended, how long it took. */
export type RequestRecord = {
  readonly requestId: string;
  readonly platform: Invocation['platform'];
  readonly command: string;
  /** `ok`: answered; `refused`: a mistake or a refusal told to the person; `error`: a bug. */
  readonly outcome: 'ok' | 'refused' | 'error';
  readonly ms: number;
};

/** Longest `/claw` text accepted: a pasted log excerpt, not a log file. */
export const MAX_TEXT = 4_000;

/** How long the input is as one line of text, whichever way it came. */
const lengthOf = (input: CommandInput): number =>
  'text' in input ? input.text.length : [input.command, ...Object.values(input.args)].join(' ').length;

function authorize(inv: Invocation, access: Access): void {
  if (access.channels.length && !access.channels.includes(inv.channel.id))
    throw new UserError(
      'forbidden',
      'clawops is not enabled in this channel. Ask an admin to add it, or use an allowed channel.',
    );
  const roles = access.roles ?? [];
  if (access.users.length === 0 && roles.length === 0) return;
  const byRole = (inv.user.roles ?? []).some((r) => roles.includes(r));
  if (!access.users.includes(inv.user.id) && !byRole)
    throw new UserError(
      'forbidden',
      'you are not on the list of people who may use /claw. Ask an admin to add you.',
    );
}

async function defaultHost(deps: DispatchDeps): Promise<string | null> {
  if (deps.defaultHost) return deps.defaultHost;
  const live = (await deps.transport.listHosts()).filter((h) => h.state === 'live');
  return live.length === 1 ? (live[0]?.host ?? null) : null;
}

/**
 * The one path from a `/claw` invocation to its answer: parse, validate, authorize, run, render.
 * Always resolves with a message: a mistake becomes a message for the person who made it; a bug
 * becomes "something went wrong" with a reference, and is logged.
 */
export function dispatch(
  inv: Invocation,
  deps: DispatchDeps,
  progress: (m: Message) => void = () => {},
  editSource?: (m: Message) => Promise<void>,
): Promise<Message> {
  return run(inv, deps, progress, false, editSource);
}

/** `viaButton`: the input is a stored button action's, so commands behind buttons may run. */
async function run(
  inv: Invocation,
  deps: DispatchDeps,
  progress: (m: Message) => void,
  viaButton: boolean,
  editSource?: (m: Message) => Promise<void>,
): Promise<Message> {
  const started = performance.now();
  let command = 'unknown';
  let outcome: RequestRecord['outcome'] = 'ok';
  try {
    authorize(inv, deps.access);
    const length = lengthOf(inv.input);
    if (length > MAX_TEXT)
      throw new UserError('usage', `that is ${length} characters; /claw takes at most ${MAX_TEXT}.`);
    const input = given(inv.input);
    const found = deps.registry.get(input.name);
    // A command behind buttons runs what a diagnosis offered; typed, it could claim any verdict.
    if (!found || (found.buttonOnly && !viaButton))
      throw new UserError('usage', `unknown command "${input.name.slice(0, 100)}". Try /claw help.`);
    command = found.name;
    const ctx: CommandContext = {
      invocation: inv,
      args: parseArgs(found, input),
      usage: found.usage,
      transport: deps.transport,
      actions: deps.actions,
      fixes: deps.fixes,
      defaultHost: () => defaultHost(deps),
      progress,
      pending: deps.pending,
      editSource,
      commands: deps.registry.list(),
    };
    return await found.run(ctx);
  } catch (err) {
    outcome = err instanceof UserError ? 'refused' : 'error';
    return failure(err, inv, deps);
  } finally {
    deps.onRequest?.({
      requestId: inv.requestId,
      platform: inv.platform,
      command,
      outcome,
      ms: performance.now() - started,
    });
  }
}

/**
 * A button click: the stored action behind its id, run as the clicker, once. Every click is its
 * own request (the platform's id for it), so a reusable button runs afresh on each click.
 */
export async function dispatchAction(
  click: Omit<Invocation, 'input'> & { readonly actionId: string },
  deps: DispatchDeps & { readonly actions: ActionStore },
  progress: (m: Message) => void = () => {},
  /** Replaces the message that carried the button. */
  editSource?: (m: Message) => Promise<void>,
): Promise<Message> {
  const action = isActionId(click.actionId)
    ? await deps.actions.take(click.actionId).catch(() => null)
    : null;
  if (!action)
    return textMessage(
      '⚠️ this button has expired or was already used. Run /claw diagnose again for fresh ones.',
      'requester',
    );
  const { actionId: _, ...rest } = click;
  const input = 'text' in action ? { text: action.text } : { command: action.command, args: action.args };
  return run({ ...rest, input }, deps, progress, true, editSource);
}

function failure(err: unknown, inv: Invocation, deps: DispatchDeps): Message {
  if (err instanceof UserError) return textMessage(`⚠️ ${err.message}`, 'requester');
  deps.logError?.(err, inv);
  const described = deps.describeError?.(err);
  if (described) return textMessage(`⚠️ ${described.message}`, 'requester');
  const code = err instanceof BotError ? ` (${err.code})` : '';
  return textMessage(
    `⚠️ something went wrong${code}; reference ${inv.requestId}. The bot's log has the details.`,
    'requester',
  );
}

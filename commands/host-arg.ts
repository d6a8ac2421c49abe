import type { CommandContext } from '../src/core/command.js';
import { fromSchema } from '../src/core/command-args.js';
import { UserError } from '../src/core/errors.js';
import { HostNameSchema } from '../src/core/job.js';

/**
 * A host no worker ever announced is a mistake, told to the person before anything is posted
 * in the channel. When the list cannot be read, the request itself reports what is wrong.
 */
async function knownHost(ctx: CommandContext<unknown>, host: string): Promise<void> {
  const known = await ctx.transport.listHosts().catch(() => null);
  if (!known || known.some((h) => h.host === host)) return;
  const names = known.map((h) => h.host);
  throw new UserError(
    'unknown_host',
    `unknown host "${host}": no clawops worker of that name has connected. ${names.length ? `Known hosts: ${names.join(', ')}.` : 'No worker has connected yet.'}`,
  );
}

/** A host name as an argument: letters, digits and the few marks host names use. */
export const hostName = fromSchema(HostNameSchema, (word) => `"${word.slice(0, 100)}" is not a host name.`);

/** The optional `host` argument most commands take. */
export const hostOption = (description: string) =>
  ({ name: 'host', description, required: false, parse: hostName }) as const;

/** The host a command names (already a host name), else the default one; a clear message when neither works. */
export async function hostArg(ctx: CommandContext<unknown>, named: string | undefined): Promise<string> {
  const { usage } = ctx;
  if (named !== undefined) {
    await knownHost(ctx, named);
    return named;
  }
  const host = await ctx.defaultHost();
  if (host) return host;
  const live = (await ctx.transport.listHosts()).filter((h) => h.state === 'live').map((h) => h.host);
  throw new UserError(
    'usage',
    live.length
      ? `which host? Usage: /claw ${usage}. Live hosts: ${live.join(', ')}.`
      : 'no worker is connected, so there is no host to diagnose. Start `clawops worker` on a gateway host.',
  );
}

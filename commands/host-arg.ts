import type { CommandContext } from '../src/core/command.js';
import { UserError } from '../src/core/errors.js';
import { HostNameSchema } from '../src/core/job.js';

/**
 * A host no worker ever announced is a mistake, told to the person before anything is posted
 * in the channel. When the list cannot be read, the request itself reports what is wrong.
 */
async function knownHost(ctx: CommandContext, host: string): Promise<void> {
  const known = await ctx.transport.listHosts().catch(() => null);
  if (!known || known.some((h) => h.host === host)) return;
  const names = known.map((h) => h.host);
  throw new UserError(
    'unknown_host',
    `unknown host "${host}": no clawops worker of that name has connected. ${names.length ? `Known hosts: ${names.join(', ')}.` : 'No worker has connected yet.'}`,
  );
}

/** The host a command names, else the default one; a clear message when neither works. */
export async function hostArg(ctx: CommandContext): Promise<string> {
  const { usage } = ctx;
  const named = ctx.args[0];
  if (named !== undefined) {
    const parsed = HostNameSchema.safeParse(named);
    if (!parsed.success)
      throw new UserError('usage', `"${named.slice(0, 100)}" is not a host name. Usage: /claw ${usage}`);
    await knownHost(ctx, parsed.data);
    return parsed.data;
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

import type { CommandContext } from '../src/core/command.js';
import { defineCommand } from '../src/core/command.js';
import { readFleet } from '../src/core/fleet.js';
import { fleetMessage } from '../src/core/fleet-message.js';
import { textMessage } from '../src/core/message.js';
import { BUTTON_TTL_MS } from './diagnose.js';

/** The stored action behind a Diagnose-all button. */
export const diagnoseAllButton = (ctx: CommandContext<unknown>): Promise<string> =>
  ctx.actions.put(
    { command: 'fleet-diagnose', args: {}, createdBy: ctx.invocation.user.id, createdAt: Date.now() },
    BUTTON_TTL_MS,
  );

export const NO_WORKER = 'No worker has connected yet. Start `clawops worker` on a gateway host.';

export const fleet = defineCommand({
  name: 'fleet',
  summary: 'every host in one view: worker, gateway, last verdict, open episodes; Diagnose all',
  options: [],
  async run(ctx) {
    const rows = await readFleet(ctx.transport);
    if (rows.length === 0) return textMessage(NO_WORKER);
    const live = rows.some((r) => r.worker === 'live');
    return fleetMessage({
      rows,
      now: Date.now(),
      ...(live ? { diagnoseAll: await diagnoseAllButton(ctx) } : {}),
    });
  },
});

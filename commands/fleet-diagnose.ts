import { defineCommand } from '../src/core/command.js';
import { BotError, UserError } from '../src/core/errors.js';
import { type FleetRow, gatewayFrom, readFleet } from '../src/core/fleet.js';
import { type FleetRun, fleetMessage } from '../src/core/fleet-message.js';
import { diagnoseAllButton, NO_WORKER } from './fleet.js';

/** Least time between two progress tables; the adapter's own edit interval is longer. */
const PROGRESS_MS = 250;

/**
 * The Diagnose-all button: one diagnosis per live host, all at once, the fleet message edited as
 * answers arrive (the adapter edits at most once per interval, the latest wins).
 */
export const fleetDiagnose = defineCommand({
  name: 'fleet-diagnose',
  summary: 'diagnose every live host at once (the Diagnose all button)',
  options: [],
  hidden: true,
  async run(ctx) {
    const { invocation: inv } = ctx;
    const rows: FleetRow[] = await readFleet(ctx.transport);
    if (rows.length === 0) throw new UserError('usage', NO_WORKER);
    const live = rows.flatMap((r, i) => (r.worker === 'live' ? [i] : []));
    if (live.length === 0)
      throw new UserError(
        'usage',
        'every worker is silent, so no host can be diagnosed. Check `clawops worker` on the hosts.',
      );
    const pending = new Set(live.map((i) => rows[i]?.host ?? ''));
    const failed = new Map<string, string>();
    const run: FleetRun = { total: live.length, pending, failed };
    // Progress without the file (it comes once, with the final message), built at most every
    // PROGRESS_MS however many answers arrive meanwhile: 500 answers are not 500 tables.
    let timer: NodeJS.Timeout | null = null;
    const build = () => {
      timer = null;
      const { file: _, ...progress } = fleetMessage({ rows, now: Date.now(), run });
      ctx.progress(progress);
    };
    const show = () => {
      timer ??= setTimeout(build, PROGRESS_MS);
    };
    build();
    await Promise.all(
      live.map(async (i, n) => {
        const row = rows[i] as FleetRow;
        try {
          const { diagnosis } = await ctx.transport.requestDiagnosis({
            kind: 'diagnose',
            requestId: `${inv.requestId}.${n}`,
            host: row.host,
            replyTo: inv.replyTo,
            requestedBy: `${inv.platform}:${inv.user.id}`,
          });
          const last = { label: diagnosis.verdict.label, at: Date.now() };
          rows[i] = { ...row, last, gateway: gatewayFrom(last) };
        } catch (err) {
          failed.set(row.host, err instanceof BotError ? err.code : 'internal');
        } finally {
          pending.delete(row.host);
          show();
        }
      }),
    );
    if (timer) clearTimeout(timer);
    return fleetMessage({ rows, now: Date.now(), run, diagnoseAll: await diagnoseAllButton(ctx) });
  },
});

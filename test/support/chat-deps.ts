import { commands } from '../../commands/index.js';
import { createMemoryActionStore } from '../../src/core/action-store.js';
import type { Access, DispatchDeps } from '../../src/core/dispatch.js';
import { createRegistry } from '../../src/core/registry.js';
import type { DiagnosisTransport } from '../../src/core/transport.js';
import { createLogger } from '../../src/logger.js';
import { createDiagnosisRunner } from '../../src/worker/diagnosis-runner.js';
import { createMemoryTransport } from '../../src/worker/memory-transport.js';
import { memoryFixPolicy } from './fix-policy.js';
import { prepareScenario, type Scenario } from './scenario.js';

/**
 * What an adapter needs to answer `/claw`, over a captured scenario: the real registry and
 * dispatch, the in-process transport with the real runner on the fake `openclaw`.
 */
export async function chatDeps(
  capture: string,
  opts: { speed?: number; access?: Access } = {},
): Promise<{ deps: DispatchDeps; scenario: Scenario; transport: DiagnosisTransport; stop(): Promise<void> }> {
  const scenario = await prepareScenario(capture, { speed: opts.speed ?? 0 });
  const runner = createDiagnosisRunner({
    host: 'gw-1',
    bin: scenario.env.OPENCLAW_BIN as string,
    env: scenario.env,
    log: createLogger('silent'),
  });
  const transport = createMemoryTransport({ host: 'gw-1', runner, clawopsVersion: 'test' });
  const deps: DispatchDeps = {
    registry: createRegistry(commands),
    transport,
    actions: createMemoryActionStore(),
    fixes: memoryFixPolicy(),
    access: opts.access ?? { channels: [], users: [] },
  };
  return {
    deps,
    scenario,
    transport,
    async stop() {
      await transport.close();
      await scenario.stop();
    },
  };
}

/** How many probe sets the scenario's `openclaw` ran. */
export const probeSets = (s: Scenario): number =>
  s.calls().filter((c) => c.args.join(' ') === 'models status --json').length;

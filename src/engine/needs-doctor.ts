import { classify } from './classify.js';
import { gatherFacts } from './facts.js';
import type { Observations } from './observations.js';

/**
 * Whether `openclaw doctor` (14 s and more) is worth running: only when the cheap probes leave
 * the verdict unknown or point at the config, where doctor names the exact problem.
 */
export function needsDoctor(obs: Observations): boolean {
  const { verdict } = classify(gatherFacts(obs));
  return verdict.label === 'unknown' || verdict.label === 'config_invalid';
}

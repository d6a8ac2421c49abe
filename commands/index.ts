import type { Command } from '../src/core/command.js';
import { alerts } from './alerts.js';
import { approve } from './approve.js';
import { audit } from './audit.js';
import { cooldown } from './cooldown.js';
import { deny } from './deny.js';
import { diagnose } from './diagnose.js';
import { explain } from './explain.js';
import { fix } from './fix.js';
import { fleet } from './fleet.js';
import { fleetDiagnose } from './fleet-diagnose.js';
import { help } from './help.js';
import { hosts } from './hosts.js';

/** Every `/claw` subcommand. Adding one: a file here and a line in this list. */
export const commands: readonly Command[] = [
  diagnose,
  cooldown,
  alerts,
  explain,
  hosts,
  fleet,
  audit,
  help,
  fix,
  approve,
  deny,
  fleetDiagnose,
];

import type { Episode } from '../engine/episodes.js';
import { FIXES } from '../engine/fixes.js';
import type { CommandCall } from './command-input.js';
import type { Block } from './message.js';

/** `21:44 UTC`, or with the date when it is not today. */
export function clock(at: number, now: number): string {
  const iso = new Date(at).toISOString();
  const sameDay = iso.slice(0, 10) === new Date(now).toISOString().slice(0, 10);
  return `${sameDay ? '' : `${iso.slice(0, 10)} `}${iso.slice(11, 16)} UTC`;
}

/** The gateway an episode is on: the host, and its OpenClaw profile unless `default`. */
export const where = (e: Episode): string =>
  e.instance === 'default' ? e.host : `${e.host} (profile ${e.instance})`;

/** A button of an alert: the command it runs as the person who clicks it. */
export type AlertAction = {
  /** Where its action id is kept with the episode's messages. */
  readonly field: string;
  readonly label: string;
  readonly call: CommandCall;
  readonly style?: 'primary';
};

/**
 * The buttons of an episode's alert: Diagnose, and for a gateway that is down, the Start fix
 * (a request an approver approves, as from a diagnosis). A silent worker cannot diagnose.
 */
export function alertActions(e: Episode): AlertAction[] {
  const diagnose = {
    field: 'action',
    label: `Diagnose ${e.host}`,
    call: { command: 'diagnose', args: { host: e.host } },
  };
  if (e.kind === 'worker-silent') return [];
  if (e.kind === 'gateway-down' && e.status === 'active')
    return [
      {
        field: 'fix',
        label: FIXES['start-gateway'].title,
        call: { command: 'fix', args: { fix: 'start-gateway', host: e.host, verdict: 'gateway_down' } },
        style: 'primary',
      },
      diagnose,
    ];
  return [{ ...diagnose, style: 'primary' }];
}

/** The buttons block of an alert, with the stored action id of each button (by field). */
export function alertButtons(e: Episode, ids: Readonly<Record<string, string>>): Block[] {
  const buttons = alertActions(e).flatMap((a) => {
    const actionId = ids[a.field];
    return actionId ? [{ label: a.label, actionId, ...(a.style ? { style: a.style } : {}) }] : [];
  });
  return buttons.length ? [{ type: 'actions', buttons }] : [];
}

/** `It came back 2 time(s) within the quiet window.`, or nothing. */
export const flapsNote = (e: Episode): string =>
  e.flaps > 0 ? `It came back ${e.flaps} time(s) within the quiet window.` : '';

import type { Candidate, Rule } from './candidate.js';
import { eventEvidence, routeEvents } from './candidate.js';
import type { Evidence } from './diagnosis.js';
import { classifyText } from './text-rules.js';

/** The `openclaw` CLI could not be started at all. */
export const openclawMissing: Rule = (f) => {
  if (!f.openclawMissing) return null;
  const bin = f.obs.probes[0]?.argv[0] ?? 'openclaw';
  return {
    label: 'openclaw_missing',
    confidence: 'high',
    evidence: f.probeProblems.slice(0, 3).map((text) => ({ source: 'clawops', text })),
    summary: `clawops could not run \`${bin}\` on this host. Install OpenClaw or set OPENCLAW_BIN (or --openclaw-bin) to its path.`,
  };
};

/** The OpenClaw config does not parse or validate. */
export const configInvalid: Rule = (f) => {
  if (!f.configError) return null;
  const doctor = f.events.filter((e) => e.label === 'config_invalid' && e.text.startsWith('doctor:'));
  return {
    label: 'config_invalid',
    confidence: 'high',
    evidence: [{ source: 'config', text: f.configError }, ...doctor.slice(0, 2).map(eventEvidence)],
    summary: `OpenClaw cannot read its config (${f.configError}). Every command and the next gateway restart fail until it is fixed.`,
  };
};

/** Nothing answers on the gateway port. */
export const gatewayDown: Rule = (f) => {
  const { port } = f.obs;
  const gw = f.gateway;
  const portRefused = port?.state === 'refused';
  const gatewayRefused =
    gw?.rpcOk === false &&
    (gw.portStatus === 'free' || /ECONNREFUSED|not reachable/i.test(gw.rpcError ?? ''));
  const gatewayUp = gw?.rpcOk === true || gw?.portStatus === 'busy';
  if (!gatewayRefused && !(portRefused && !gatewayUp)) return null;
  const evidence: Evidence[] = [];
  if (port)
    evidence.push({
      source: 'port',
      text: `TCP ${port.host}:${port.port}: ${port.state}${port.detail ? ` (${port.detail})` : ''} in ${port.durationMs} ms`,
    });
  if (gw)
    evidence.push({
      source: 'gateway-status',
      text: `port ${gw.port ?? '?'} ${gw.portStatus ?? 'unknown'}; RPC ${gw.rpcOk ? 'ok' : `failed: ${gw.rpcError ?? 'no answer'}`}`,
    });
  if (gw?.lastError) evidence.push({ source: 'gateway-status', text: `last gateway error: ${gw.lastError}` });
  const where = port ? `${port.host}:${port.port}` : `port ${gw?.port ?? '?'}`;
  return {
    label: 'gateway_down',
    confidence: portRefused || gatewayRefused ? 'high' : 'medium',
    evidence,
    summary: `Nothing answers on the gateway port (${where} refused the connection), so no agent can run. Start the gateway and check why it stopped.`,
  };
};

/** The gateway's own record of refusing a client, and whether this host's CLI got past it. */
function clientAuthEvidence(f: Parameters<Rule>[0]): { evidence: Evidence[]; cliRefused: boolean } {
  const gw = f.gateway;
  const evidence: Evidence[] = [];
  const rpcText = [gw?.rpcAuthCode, gw?.rpcError].filter(Boolean).join(' ');
  const cliRefused = Boolean(gw && rpcText && classifyText(rpcText)?.label === 'gateway_client_auth');
  if (cliRefused) {
    evidence.push({
      source: 'gateway-status',
      text: `RPC refused: ${gw?.rpcError ?? ''}${gw?.rpcAuthCode ? ` [${gw.rpcAuthCode}]` : ''}`,
    });
  }
  const logged = routeEvents(f, 'gateway').filter((e) => e.label === 'gateway_client_auth');
  const last = logged.at(-1);
  if (last) evidence.push({ source: 'logs', text: last.text });
  return { evidence, cliRefused };
}

function clientAuthCandidate(f: Parameters<Rule>[0], evidence: Evidence[]): Candidate {
  const code = f.gateway?.rpcAuthCode ? ` (${f.gateway.rpcAuthCode})` : '';
  return {
    label: 'gateway_client_auth',
    confidence: evidence.length > 1 || f.gateway?.rpcAuthCode ? 'high' : 'medium',
    evidence,
    summary: `Wrong page: the gateway refused its client${code} before any model call. Make the client token match gateway.auth.token (or pair the device), then retest Anthropic.`,
  };
}

/**
 * The gateway refused its client: this host's CLI was refused, or the log shows a refusal and
 * the CLI's own RPC probe did not get through either. Outranks what Anthropic answered.
 */
export const gatewayClientAuth: Rule = (f) => {
  if (f.configError) return null;
  const { evidence, cliRefused } = clientAuthEvidence(f);
  if (evidence.length === 0 || (!cliRefused && f.gateway?.rpcOk === true)) return null;
  return clientAuthCandidate(f, evidence);
};

/**
 * The log shows the gateway refusing some client while this host's CLI connects fine (a
 * dashboard, a node, a probe without device identity during a restart): worth a finding, but
 * it says nothing about the Anthropic route, so it ranks below every route failure.
 */
export const gatewayClientAuthElsewhere: Rule = (f) => {
  if (f.configError || f.gateway?.rpcOk !== true) return null;
  const { evidence, cliRefused } = clientAuthEvidence(f);
  if (cliRefused || evidence.length === 0) return null;
  return { ...clientAuthCandidate(f, evidence), confidence: 'medium' };
};

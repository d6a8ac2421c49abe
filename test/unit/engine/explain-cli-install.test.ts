import { describe, expect, it } from 'vitest';
import { explain } from '../../../src/engine/explain.js';

/**
 * The CLI's own install, made-up examples of each shape (text-install.ts): the CLI wrapper missing
 * one of its modules, Windows unable to find a launcher, a binary older than the config it reads,
 * a plugin's update failing, and a platform with no managed gateway service; and where each gives
 * way to the gateway's own failures.
 */
const verdict = (text: string) => explain(text).verdict;

describe('the CLI wrapper missing one of its own modules', () => {
  it.each([
    "[openclaw] Failed to start CLI: Error [ERR_MODULE_NOT_FOUND]: Cannot find package 'undici' imported from /usr/lib/node_modules/openclaw/dist/net-A1b2.js",
    "[openclaw] Failed to start CLI: Error: Cannot find module '/opt/openclaw/dist/entry.js'",
    "Failed to start the CLI: Cannot find module 'C:\\tools\\openclaw\\node_modules\\chalk\\index.js'",
  ])('is openclaw_missing: %s', (text) => {
    expect(verdict(text)).toMatchObject({ label: 'openclaw_missing', rule: 'cli-module-missing' });
  });

  it.each([
    '[openclaw] Failed to start CLI: Error: gateway closed (1006 abnormal closure (no close frame))',
    "[openclaw] Failed to start CLI: Error: EACCES: permission denied, mkdir '/home/u/.openclaw/identity'",
    'The gateway fails with ERR_MODULE_NOT_FOUND after the update',
  ])('leaves the gateway failing to gateway_down: %s', (text) => {
    expect(verdict(text).label).toBe('gateway_down');
  });
});

describe('a plugin update failing', () => {
  it.each([
    "Failed to update memory-lancedb: Error: Cannot find package 'apache-arrow'",
    'Failed to install plugin @acme/claw-notes: Error: ERR_MODULE_NOT_FOUND',
    'extension update failed, the old version stays loaded',
  ])('is unknown, not the gateway down: %s', (text) => {
    expect(verdict(text)).toMatchObject({ label: 'unknown', rule: 'plugin-update-failed' });
  });

  it.each([
    "Failed to update openclaw: Error [ERR_MODULE_NOT_FOUND]: Cannot find module '/usr/lib/node_modules/openclaw/dist/x.js'",
    "Failed to update config: Error: EACCES: permission denied, open '/home/u/.openclaw/openclaw.json'",
  ])('leaves the CLI and its config to their own rules: %s', (text) => {
    expect(verdict(text).label).not.toBe('unknown');
  });
});

describe("Windows' dialog for a command it cannot find", () => {
  it.each([
    "Windows cannot find 'C:\\Users\\me\\AppData\\Roaming\\npm\\openclaw.cmd'. Make sure you typed the name correctly, and then try again.",
    "Windows 找不到文件 'openclaw'。请确定文件名是否正确后，再试一次。",
    'Windows kann „openclaw-gateway“ nicht finden.',
  ])('is openclaw_missing: %s', (text) => {
    expect(verdict(text)).toMatchObject({ label: 'openclaw_missing', rule: 'windows-cannot-find' });
  });

  it('needs the dialog, not any lookup on Windows', () => {
    expect(verdict('On Windows the CLI cannot find ANTHROPIC_API_KEY').label).not.toBe('openclaw_missing');
  });
});

describe('a binary older than the version that last wrote the config', () => {
  it.each([
    'logs show the openclaw binary is older than the version that last wrote openclaw.json',
    'gateway restart refused to continue from an older binary',
    '服务变更操作会拒绝从较旧的二进制文件继续',
    '某個 openclaw 二進位檔比最後寫入 openclaw.json 的版本更舊',
  ])('is openclaw_missing: %s', (text) => {
    expect(verdict(text)).toMatchObject({ label: 'openclaw_missing', rule: 'stale-binary' });
  });

  it.each([
    'Config was last written by a newer OpenClaw (2026.4.12); current version is 2026.3.28.',
    'the cached binary is older than two days',
  ])('leaves the warning alone and other ages alone: %s', (text) => {
    expect(verdict(text).label).not.toBe('openclaw_missing');
  });
});

describe('a platform with no managed gateway service', () => {
  it.each([
    'Error: Gateway service install not supported on freebsd',
    'openclaw onboard: service installation is unsupported on android',
  ])('is a gateway_down symptom: %s', (text) => {
    expect(verdict(text)).toMatchObject({ label: 'gateway_down', rule: 'gateway-unreachable' });
  });

  it('gives way to the refusal a client got from the gateway that does run', () => {
    const text =
      'disconnected (1008): pairing required\n[openclaw] Failed to start CLI: Error: Gateway service install not supported on freebsd';
    expect(verdict(text).label).toBe('gateway_client_auth');
  });
});

import { cause, type TextRule } from './text-rule.js';

/**
 * The CLI's own install, read before the gateway's runtime failures (text-phrases.ts) because the
 * same Node errors appear in both: a CLI that cannot load its own files, a launcher Windows cannot
 * find, a binary older than the config it reads; and a plugin's update failing, which leaves the
 * CLI and the gateway running.
 */
export const INSTALL_RULES: readonly TextRule[] = [
  // The CLI wrapper printing a module its install lacks: the package on disk is incomplete.
  cause(
    'cli-module-missing',
    'openclaw_missing',
    /\bFailed to start (?:the )?CLI\b[^\n]{0,20}?(?:ERR_MODULE_NOT_FOUND|Cannot find (?:module|package)\b)/i,
  ),
  // A plugin's (extension's) update or install failing, whatever module it misses: not the gateway.
  cause(
    'plugin-update-failed',
    'unknown',
    /\bFailed to (?:update|install|upgrade) (?:(?:the )?(?:plugin|extension) )?['"]?(?!(?:the )?(?:openclaw|clawdbot|moltbot|gateway|service|daemon|node|config\w*|settings|auth[\w-]*|tokens?|models?)\b)[@\w][\w@./-]{0,60}['"]?: (?:Error\b|ERR_)|\b(?:plugin|extension) (?:update|install|upgrade) failed\b/i,
  ),
  // The install's node_modules left inconsistent by an update: the CLI's own files are broken.
  cause('dependency-tree-corrupt', 'openclaw_missing', /\bdependency tree (?:is |was )?corrupt(?:ed)?\b/i),
  // Windows' own dialog for a command or launcher path it cannot find.
  cause(
    'windows-cannot-find',
    'openclaw_missing',
    /\bWindows (?:cannot|can't|could not) find ['"‘“]|Make sure you typed the name correctly|Windows 找不到文件|请确定文件名是否正确|請確定檔案名稱是否正確|Windows kann [^\n]{0,40}nicht finden/i,
  ),
  // An openclaw binary older than the version that last wrote the config: a split or stale install.
  cause(
    'stale-binary',
    'openclaw_missing',
    /\b(?:openclaw )?binary (?:is |was )?older than the (?:version|one|openclaw) that (?:last )?wrote\b|\b(?:refuses?|refused|refusing) to (?:continue|proceed|run) from an older (?:openclaw )?(?:binary|install(?:ation)?|version)\b|(?:二进制文件?|二[進进]位[檔档])[^\n]{0,30}(?:早于|旧于|更旧|更舊)|(?:从|從)(?:较旧|較舊|较舊)的?(?:二进制|二[進进]位)/i,
  ),
];

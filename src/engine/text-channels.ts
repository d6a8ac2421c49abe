import { cause, type TextRule } from './text-rule.js';

/**
 * A chat channel's own credential refused: a WhatsApp (Baileys) session the server logs out, a
 * Feishu/Lark app whose tenant token cannot be fetched or whose webhook check fails, a Telegram or
 * Discord bot token the platform rejects. The channel cannot deliver, but the model route is not
 * shown failing, and no route label fixes it. Read before the provider's 401/403 rules
 * (text-phrases.ts), which would take the channel's status for the provider key's; a failure of
 * the route on another line still outranks it.
 */
export const CHANNEL_RULES: readonly TextRule[] = [
  cause(
    'channel-credential',
    'unknown',
    /\\?"isBoom\\?"\s*:\s*true\b|\b(?:tenant|app)_access_token\b[^\n]{0,30}(?:失败|错误|无效|过期|\bfail\w*|\berror\b|\binvalid\b|\bexpired\b)|(?:获取|刷新|\bget(?:ting)?|\bfetch(?:ing)?|\brefresh(?:ing)?)[^\n]{0,6}\b(?:tenant|app)_access_token\b[^\n]{0,20}(?:失败|fail)|\b(?:feishu|lark|slack|discord|telegram|whatsapp|dingtalk|wecom|teams|飞书|钉钉|企业微信)\b[^\n]{0,40}\bwebhook\b[^\n]{0,60}(?:\b40[13]\b|unauthori[sz]ed|forbidden|signature)|\bwebhook (?:signature|verification|challenge)[^\n]{0,30}(?:fail\w*|invalid|mismatch|rejected|失败)|\bETELEGRAM: 40[13]\b|\bCall to '\w+' failed! \(40[13]\b|"error_code"\s*:\s*40[13]\s*,\s*"description"\s*:\s*"(?:Unauthorized|Forbidden)|An invalid token was provided|\b(?:telegram|discord|slack|feishu|lark|dingtalk|wecom)\b[^\n]{0,20}\bbot[ _-]?token\b[^\n]{0,40}(?:invalid|rejected|revoked|expired|not valid|\b401\b|unauthori[sz]ed)/i,
  ),
];

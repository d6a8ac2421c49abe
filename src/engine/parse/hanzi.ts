/**
 * Traditional Chinese as the Simplified the phrase rules are written in, so one rule serves both
 * scripts (Taiwan and Hong Kong users write 驗證失敗 for 验证失败, 金鑰 for 密钥). Every
 * replacement has the length of what it replaces, so a match's position is the same in either.
 */

/** Words that differ, not just their characters (Taiwan usage on the left). */
const WORDS: ReadonlyArray<readonly [RegExp, string]> = [
  [/金鑰|密鑰/g, '密钥'],
  [/閘道/g, '网关'],
  [/伺服器/g, '服务器'],
  [/逾時/g, '超时'],
  [/權杖/g, '令牌'],
  [/登入/g, '登录'],
  [/帳戶|帳號/g, '账户'],
];

/** Characters that differ only in their form, each Traditional one followed by its Simplified one. */
const PAIRS =
  '驗验證证權权無无鑰钥設设資资額额請请過过頻频連连線线網网絡络錯错誤误閘闸啟启動动敗败認认餘余時时態态凍冻務务規规則则應应該该異异對对話话讀读寫写檔档滿满負负載载維维護护達达區区調调東东號号據据庫库開开關关閉闭結结鍵键碼码帳账戶户夠够斷断傳传輸输憑凭訊讯狀状記记錄录變变數数環环蓋盖優优級级問问題题範范圍围選选擇择單单從从後后為为這这個个們们與与會会來来還还沒没發发現现嘗尝試试雲云處处實实際际費费訂订閱阅識识別别';

const CHARS = new Map(
  Array.from({ length: PAIRS.length / 2 }, (_, i) => [PAIRS.charAt(2 * i), PAIRS.charAt(2 * i + 1)]),
);
const HAN = /[\u3400-\u9fff]/;
const ANY_TRADITIONAL = new RegExp(`[${[...CHARS.keys()].join('')}]`, 'g');

/** `text` with its Traditional Chinese words and characters in Simplified; other text as it is. */
export function toSimplified(text: string): string {
  if (!HAN.test(text)) return text;
  let out = text;
  for (const [from, to] of WORDS) out = out.replace(from, to);
  return out.replace(ANY_TRADITIONAL, (c) => CHARS.get(c) ?? c);
}

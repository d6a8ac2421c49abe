/**
 * Slack reads `&`, `<` and `>` as markup in mrkdwn and message text (`<!channel>`,
 * `<https://evil.example|gateway_down>`, `<@U123>`): escaped, text from logs and users shows as
 * itself. clawops' own formatting (`*bold*`, `_italic_`, code) uses none of them.
 */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

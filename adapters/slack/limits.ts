/**
 * Slack Block Kit limits the renderer stays within.
 * @see https://docs.slack.dev/reference/block-kit/blocks
 * @see https://github.com/slackapi/node-slack-sdk/blob/main/packages/types/src/block-kit/blocks.ts
 */
export const SLACK_LIMITS = {
  /** Blocks per message. */
  blocks: 50,
  /** A section's text, in characters. */
  sectionText: 3000,
  /** A header block's plain text. */
  headerText: 150,
  /** Fields in one section, and characters per field. */
  fields: 10,
  fieldText: 2000,
  /** Elements in one actions block. */
  actionElements: 25,
  /** A button's label, and its value. */
  buttonText: 75,
  buttonValue: 2000,
  /** `action_id` and `block_id`. */
  actionId: 255,
  /** Message `text`: Slack truncates beyond this. */
  messageText: 40_000,
} as const;

/**
 * Discord message limits the renderer stays within.
 * @see https://discord.com/developers/docs/resources/message (content, embeds)
 * @see https://discord.com/developers/docs/components/reference (buttons, custom_id)
 */
export const DISCORD_LIMITS = {
  content: 2000,
  embedTitle: 256,
  embedDescription: 4096,
  /** Every embed's characters together. */
  embedTotal: 6000,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  /** Buttons per action row, and action rows per message. */
  rowButtons: 5,
  rows: 5,
  buttonLabel: 80,
  customId: 100,
} as const;

/** What went wrong, as a stable code to branch on (never on message text). */
export type ErrorCode = 'usage' | 'config' | 'internal';

/** An error of clawops itself, with a code and the original `cause`. */
export class BotError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
  }
}

/** Its message is written for a person and safe to show as it is. */
export class UserError extends BotError {}

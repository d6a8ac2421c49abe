/** What follows `/claw` as typed (`diagnose gw-1 work`), or a call already split by name. */
export type CommandInput = { readonly text: string } | CommandCall;

/**
 * A command and its arguments by option name, each as the word a person would type: Discord's
 * options, or what a button stores behind its id. Parsed like typed words, so a button's
 * arguments are checked again when it is clicked.
 */
export type CommandCall = {
  readonly command: string;
  readonly args: Readonly<Record<string, string>>;
};

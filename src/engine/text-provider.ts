/** Providers a line can be about, by the words that name them. Anthropic first: it is the route. */
const NAMED: readonly (readonly [string, RegExp])[] = [
  ['anthropic', /\banthropic\b|api\.anthropic\.com|\bclaude\b/i],
  ['openai', /\bopenai\b|api\.openai\.com|\bgpt-\d/i],
  ['google', /\bgoogle\b|\bgemini\b|generativelanguage\.googleapis\.com|vertex/i],
  ['openrouter', /\bopenrouter\b/i],
];

/**
 * `provider=openai`, `provider "openai"`, `for provider openai`, `openai/gpt-5`. A model id's parts
 * are bounded: unbounded, every word start of a long hyphenated run rescanned the rest of it.
 */
const EXPLICIT =
  /\bprovider(?:[=:] ?| )["']([a-z][\w-]*)["']|\bprovider=([a-z][\w-]*)|\bprovider:? (anthropic|openai|google|openrouter|gemini|bedrock|vertex|azure|ollama)\b|\b([a-z][\w-]{0,40})\/(?:[\w-]{1,80}\/)?(?:claude|gpt|gemini|o\d|llama|mistral|deepseek|qwen)[\w.-]*/i;

const EVERY_EXPLICIT = new RegExp(EXPLICIT.source, 'gi');

/** The provider an EXPLICIT match names, lower-cased. */
const explicitName = (m: RegExpMatchArray | null): string | undefined =>
  m
    ?.slice(1)
    .find((g) => g !== undefined)
    ?.toLowerCase();

/**
 * The provider a line is about, when it names one: an explicit `provider=` or a model id's prefix
 * first, then the first provider named. `undefined` when the line names none.
 */
export function providerOf(text: string): string | undefined {
  return explicitName(EXPLICIT.exec(text)) ?? NAMED.find(([, pattern]) => pattern.test(text))?.[0];
}

/**
 * The one provider a whole paste is about, when it names exactly one and that is not Anthropic
 * (a relay's printout of an OpenRouter error): its lines that name none are about that provider
 * too. `undefined` when the paste names Anthropic, several providers, or none.
 */
export function pasteProvider(text: string): string | undefined {
  const named = new Set(NAMED.filter(([, pattern]) => pattern.test(text)).map(([name]) => name));
  for (const m of text.matchAll(EVERY_EXPLICIT)) {
    const name = explicitName(m);
    if (name) named.add(name);
  }
  const [only] = named;
  return named.size === 1 && only !== 'anthropic' ? only : undefined;
}

/** Cuts text to `max` characters at a line end and says how many lines were cut, so a reader knows. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const marker = (n: number) => `\n…(truncated, ${n} more lines)`;
  let kept = text.slice(0, max - marker(99_999).length);
  kept = kept.slice(0, Math.max(kept.lastIndexOf('\n'), 0) || kept.length);
  return `${kept}${marker(text.slice(kept.length).split('\n').filter(Boolean).length)}`;
}

/** How long ago, for people: seconds under a minute, then minutes. */
export const ago = (ms: number): string =>
  ms < 60_000 ? `${Math.round(ms / 1000)} s ago` : `${Math.round(ms / 60_000)} min ago`;

/** A duration for people: `45 s`, `12 min`, `3 h 5 min`, `2 d 4 h`. */
export function duration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s} s`;
  const min = Math.round(s / 60);
  if (min < 60) return `${min} min`;
  const h = Math.floor(min / 60);
  if (h < 48) return `${h} h${min % 60 ? ` ${min % 60} min` : ''}`;
  return `${Math.floor(h / 24)} d${h % 24 ? ` ${h % 24} h` : ''}`;
}

/** A measured time for people: `2.1 s`. */
export const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

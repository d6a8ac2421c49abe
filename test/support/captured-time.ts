/** ISO-8601 times as OpenClaw writes them: `2026-11-24T20:39:28.989Z` or `…+00:00`. */
const ISO_TIME = /\b(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(\.\d+)?(Z|[+-]\d\d:\d\d)/g;
/** Milliseconds since the epoch (`cooldownUntil`, `until`, …): 13 digits. */
const EPOCH_MS = /\b1\d{12}\b/g;
/** Epoch numbers farther than this from the capture are ids, not times. */
const NEAR_MS = 60 * 24 * 60 * 60 * 1000;

const offsetMinutes = (zone: string): number =>
  zone === 'Z' ? 0 : (zone[0] === '-' ? -1 : 1) * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6)));

/**
 * Moves every time in a captured output by `shiftMs`, keeping how each was written (fraction,
 * zone), so that a capture from the lab reads as if it had been taken at another moment.
 */
export function shiftTimes(text: string, shiftMs: number, around: number): string {
  if (shiftMs === 0) return text;
  return text
    .replace(ISO_TIME, (whole, base: string, fraction: string | undefined, zone: string) => {
      const t = Date.parse(whole);
      if (Number.isNaN(t)) return whole;
      const local = new Date(t + shiftMs + offsetMinutes(zone) * 60_000).toISOString();
      return `${local.slice(0, base.length)}${fraction ? local.slice(19, 19 + fraction.length) : ''}${zone}`;
    })
    .replace(EPOCH_MS, (digits) => {
      const t = Number(digits);
      return Math.abs(t - around) < NEAR_MS ? String(t + shiftMs) : digits;
    });
}

/**
 * Durations on the command line: `30s`, `5m`, `1h`, `250ms`, or several together (`1h30m`).
 */

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
const PART = /(\d+(?:\.\d+)?)(ms|s|m|h)/y;

/**
 * Milliseconds in `text`.
 * @throws if `text` is not a positive duration such as `30s`, `5m`, `1h` or `1h30m`
 */
export function parseDuration(text: string): number {
  const trimmed = text.trim();
  let total = 0;
  PART.lastIndex = 0;
  let matched = false;
  while (PART.lastIndex < trimmed.length) {
    const m = PART.exec(trimmed);
    if (!m) { matched = false; break; }
    matched = true;
    total += Number(m[1]) * UNIT_MS[m[2]];
  }
  if (!matched || total <= 0 || !Number.isFinite(total)) {
    throw new Error(`invalid duration ${JSON.stringify(text)}: use a number with a unit, e.g. 30s, 5m, 1h or 1h30m`);
  }
  return Math.round(total);
}

/** `90000` → `1m30s`, for messages. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${ms}ms`;
  const s = Math.round(ms / 1000);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  return `${h ? `${h}h` : ''}${m ? `${m}m` : ''}${sec || (!h && !m) ? `${sec}s` : ''}`;
}

/**
 * The consultant types wall-clock times as they read them in Paris (datetime-local inputs carry
 * no zone); the api wants instants with their offset. These conversions hold across the daylight
 * saving changes whatever zone the browser is in.
 */
const PARIS = 'Europe/Paris';
const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

const wallClock = new Intl.DateTimeFormat('en-GB', {
  timeZone: PARIS,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
});

interface WallParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

function parisParts(utcMs: number): WallParts {
  const parts = Object.fromEntries(
    wallClock.formatToParts(new Date(utcMs)).map((part) => [part.type, part.value]),
  );
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
  };
}

/** Paris's offset from UTC, in minutes, at an instant (60 in winter, 120 in summer). */
function parisOffsetMinutes(utcMs: number): number {
  const wall = parisParts(utcMs);
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute);
  return Math.round((asUtc - Math.floor(utcMs / MINUTE_MS) * MINUTE_MS) / MINUTE_MS);
}

function pad(value: number, length = 2): string {
  return String(value).padStart(length, '0');
}

function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const absolute = Math.abs(minutes);
  return `${sign}${pad(Math.floor(absolute / 60))}:${pad(absolute % 60)}`;
}

/**
 * A Paris wall-clock time typed in a datetime-local input ("2027-01-14T09:00") as an ISO instant
 * with its offset ("2027-01-14T09:00:00+01:00"). Null when it is not a time, or when that time
 * does not exist in Paris (skipped when the clocks go forward). A time that happens twice (when
 * the clocks go back) is taken at its first occurrence, in summer time.
 */
export function parisLocalToIso(local: string): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(local);
  if (!match) return null;
  const [year, month, day, hour, minute] = match.slice(1).map(Number);
  const wallMs = Date.UTC(year, month - 1, day, hour, minute);
  const check = new Date(wallMs);
  if (
    check.getUTCFullYear() !== year ||
    check.getUTCMonth() !== month - 1 ||
    check.getUTCDate() !== day ||
    hour > 23 ||
    minute > 59
  ) {
    return null;
  }
  // The offset a day either side covers both sides of a change of time on that day.
  const offsets = [
    ...new Set([parisOffsetMinutes(wallMs - DAY_MS), parisOffsetMinutes(wallMs + DAY_MS)]),
  ].sort((a, b) => b - a);
  const offset = offsets.find(
    (candidate) => parisOffsetMinutes(wallMs - candidate * MINUTE_MS) === candidate,
  );
  if (offset === undefined) return null;
  return `${local}:00${formatOffset(offset)}`;
}

/** An instant as the Paris wall-clock value of a datetime-local input ("2027-01-14T09:00"). */
export function isoToParisLocal(iso: string): string {
  const wall = parisParts(Date.parse(iso));
  return `${pad(wall.year, 4)}-${pad(wall.month)}-${pad(wall.day)}T${pad(wall.hour)}:${pad(wall.minute)}`;
}

/** A Paris wall-clock time plus a duration, on the real clock (an hour is an hour across a change). */
export function addMinutesToParisLocal(local: string, minutes: number): string | null {
  const iso = parisLocalToIso(local);
  if (!iso) return null;
  return isoToParisLocal(new Date(Date.parse(iso) + minutes * MINUTE_MS).toISOString());
}

/** Today's date in Paris ("2027-01-14"), for date inputs. */
export function parisToday(now: Date = new Date()): string {
  return isoToParisLocal(now.toISOString()).slice(0, 10);
}

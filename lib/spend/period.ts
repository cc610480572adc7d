// Budgets are monthly, in the team's time zone: "2026-11" is November as the team's clocks see
// it. Pure functions over Intl, so that any IANA zone works without a date library.

const formatters = new Map<string, Intl.DateTimeFormat>();

function partsIn(date: Date, timeZone: string) {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-CA", {
      timeZone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
      hourCycle: "h23",
    });
    formatters.set(timeZone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(date).map((p) => [p.type, p.value]));
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
  };
}

export function isTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone });
    return true;
  } catch {
    return false;
  }
}

/** The month `date` falls in, in the time zone: "2026-11". */
export function periodOf(date: Date, timeZone: string): string {
  const { year, month } = partsIn(date, timeZone);
  return `${year}-${String(month).padStart(2, "0")}`;
}

/** The day `date` falls in, in the time zone: "2026-11-22". */
export function dayOf(date: Date, timeZone: string): string {
  const { year, month, day } = partsIn(date, timeZone);
  return `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/** The instant a wall-clock time in the zone happens (the earlier one across a DST change). */
function instantOf(year: number, month: number, day: number, timeZone: string): Date {
  const guess = Date.UTC(year, month - 1, day);
  // The zone's offset at the guess, then again at the corrected instant (offsets change at DST).
  let instant = guess;
  for (let i = 0; i < 2; i++) {
    const p = partsIn(new Date(instant), timeZone);
    const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
    instant = guess - (asUtc - instant);
  }
  return new Date(instant);
}

/** When the month containing `date` ends (the next one starts), in the time zone. */
export function periodEnd(date: Date, timeZone: string): Date {
  const { year, month } = partsIn(date, timeZone);
  return month === 12 ? instantOf(year + 1, 1, 1, timeZone) : instantOf(year, month + 1, 1, timeZone);
}

/** When the month containing `date` started, in the time zone. */
export function periodStart(date: Date, timeZone: string): Date {
  const { year, month } = partsIn(date, timeZone);
  return instantOf(year, month, 1, timeZone);
}

/** When a day ("2026-11-22") starts in the time zone. */
export function dayStart(day: string, timeZone: string): Date {
  const [year, month, date] = day.split("-").map(Number);
  return instantOf(year, month, date, timeZone);
}

/** The days from `from` to `to`, both included ("2026-11-01" … "2026-11-30"). */
export function daysBetween(from: string, to: string): string[] {
  const days: string[] = [];
  const end = Date.parse(`${to}T00:00:00Z`);
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= end && days.length < 1000; t += 86_400_000) {
    days.push(new Date(t).toISOString().slice(0, 10));
  }
  return days;
}

/** From the start of the first day to the start of the day after the last, in the time zone. */
export function rangeBounds(range: { from: string; to: string }, timeZone: string): { start: Date; end: Date } {
  const after = new Date(Date.parse(`${range.to}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  return { start: dayStart(range.from, timeZone), end: dayStart(after, timeZone) };
}

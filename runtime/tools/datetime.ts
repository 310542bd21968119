/**
 * Date helpers for the datetime tools: strict ISO 8601 parsing (no Date.parse guessing: a date-time
 * without an offset is UTC, never the host's local time), time-zone rendering through Intl, and
 * format patterns (YYYY MM DD HH mm ss SSS Z).
 */

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;

/** Parses an ISO 8601 date/date-time string or epoch milliseconds; throws naming `field`. */
export function parseDate(value: string | number, field: string): Date {
  if (typeof value === 'number') {
    const date = new Date(value);
    if (Number.isNaN(date.getTime())) throw new Error(`'${field}' is out of the date range`);
    return date;
  }
  const m = ISO.exec(value.trim());
  const bad = () => new Error(`'${field}' must be an ISO 8601 date like 2024-05-01 or 2024-05-01T14:30:00Z, got '${value}'`);
  if (!m) throw bad();
  const [year, month, day, hour, minute, second] = [m[1], m[2], m[3], m[4], m[5], m[6]].map((s) => Number(s ?? 0)) as number[] as [number, number, number, number, number, number];
  const ms = Number((m[7] ?? '0').padEnd(3, '0').slice(0, 3));
  const utc = Date.UTC(year, month - 1, day, hour, minute, second, ms);
  const check = new Date(utc);
  // Date.UTC rolls Feb 30 into March: the fields must survive the round trip
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day || hour > 23 || minute > 59 || second > 59) throw bad();
  const offset = m[8] && m[8].toUpperCase() !== 'Z' ? m[8].replace(':', '') : '+0000';
  const minutes = (offset.startsWith('-') ? -1 : 1) * (Number(offset.slice(1, 3)) * 60 + Number(offset.slice(3, 5)));
  return new Date(utc - minutes * 60_000);
}

/** Throws `unknown timezone '<tz>'` unless Intl knows it. */
export function checkTimeZone(timeZone: string): void {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
  } catch {
    throw new Error(`unknown timezone '${timeZone}' (use an IANA name like 'Europe/Paris' or 'UTC')`);
  }
}

/** Calendar fields of `date` as seen in `timeZone`, and its UTC offset like `+02:00`. */
export function zonedParts(date: Date, timeZone: string): Record<'YYYY' | 'MM' | 'DD' | 'HH' | 'mm' | 'ss' | 'SSS' | 'Z', string> {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    fractionalSecondDigits: 3,
    timeZoneName: 'longOffset',
  }).formatToParts(date);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  const offset = get('timeZoneName').replace('GMT', '') || '+00:00';
  return { YYYY: get('year').padStart(4, '0'), MM: get('month'), DD: get('day'), HH: get('hour'), mm: get('minute'), ss: get('second'), SSS: get('fractionalSecond'), Z: offset };
}

/** ISO 8601 text: UTC with `Z` when no zone is given, else local time with the zone's offset. */
export function isoString(date: Date, timeZone?: string): string {
  if (!timeZone) return date.toISOString();
  return formatPattern(date, 'YYYY-MM-DDTHH:mm:ss.SSSZ', timeZone);
}

/** Replaces the tokens YYYY MM DD HH mm ss SSS Z in `pattern`; other characters are kept. */
export function formatPattern(date: Date, pattern: string, timeZone = 'UTC'): string {
  const parts = zonedParts(date, timeZone);
  return pattern.replace(/YYYY|SSS|MM|DD|HH|mm|ss|Z/g, (token) => parts[token as keyof typeof parts]);
}

/** A duration; every field may be negative or fractional except years and months (whole). */
export interface Duration {
  years?: number;
  months?: number;
  weeks?: number;
  days?: number;
  hours?: number;
  minutes?: number;
  seconds?: number;
}

const ISO_DURATION = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

/** Parses `P1Y2M3DT4H5M6S` (or `PT1.5H`, `P2W`); throws naming `field`. */
export function parseDuration(text: string, field: string): Duration {
  const m = ISO_DURATION.exec(text.trim().toUpperCase());
  if (!m || text.trim().length <= 1 || text.trim().toUpperCase().endsWith('T')) {
    throw new Error(`'${field}' must be an ISO 8601 duration like P1DT2H or PT30M, got '${text}'`);
  }
  const n = (s: string | undefined) => (s === undefined ? 0 : Number(s));
  return { years: n(m[1]), months: n(m[2]), weeks: n(m[3]), days: n(m[4]), hours: n(m[5]), minutes: n(m[6]), seconds: n(m[7]) };
}

/** `date` plus `sign` × `d`: years and months on the calendar (Jan 31 + 1 month = Feb 28/29), the rest exactly, in UTC. */
export function addDuration(date: Date, d: Duration, sign: 1 | -1): Date {
  const months = sign * ((d.years ?? 0) * 12 + (d.months ?? 0));
  const y = date.getUTCFullYear();
  const m = date.getUTCMonth() + months;
  const lastDay = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  const shifted = Date.UTC(y, m, Math.min(date.getUTCDate(), lastDay), date.getUTCHours(), date.getUTCMinutes(), date.getUTCSeconds(), date.getUTCMilliseconds());
  const seconds = (d.weeks ?? 0) * 604_800 + (d.days ?? 0) * 86_400 + (d.hours ?? 0) * 3_600 + (d.minutes ?? 0) * 60 + (d.seconds ?? 0);
  const result = new Date(shifted + sign * seconds * 1000);
  if (Number.isNaN(result.getTime())) throw new Error('the result is out of the date range');
  return result;
}

/**
 * Go's time layouts ("2006-01-02 15:04:05 -0700 MST"), which Tengo's times module and a time's
 * String() use: broken-down civil time, formatting and parsing.
 */
import { TTime } from './values';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const NS_PER_MS = 1_000_000n;

export interface Civil {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  nsec: number;
  weekday: number;
  yday: number;
  /** Seconds east of UTC. */
  offset: number;
  zone: string;
}

/** Milliseconds (floor) and the nanoseconds within that millisecond. */
function split(ns: bigint): { ms: number; subNs: number } {
  let ms = ns / NS_PER_MS;
  let sub = ns % NS_PER_MS;
  if (sub < 0n) {
    sub += NS_PER_MS;
    ms -= 1n;
  }
  return { ms: Number(ms), subNs: Number(sub) };
}

function zoneName(ms: number, offsetMin: number): string {
  if (offsetMin === 0) return 'UTC';
  try {
    const part = new Intl.DateTimeFormat('en-US', { timeZoneName: 'short' }).formatToParts(new Date(ms)).find((p) => p.type === 'timeZoneName');
    if (part) return part.value;
  } catch {
    // fall through to the numeric name
  }
  const s = offsetMin >= 0 ? '+' : '-';
  const a = Math.abs(offsetMin);
  return `${s}${String(Math.floor(a / 60)).padStart(2, '0')}${String(a % 60).padStart(2, '0')}`;
}

/** The time's calendar fields in its zone (UTC, or the engine process's local zone). */
export function civil(t: TTime): Civil {
  const { ms, subNs } = split(t.ns);
  const offsetMin = t.utc ? 0 : -new Date(ms).getTimezoneOffset();
  const d = new Date(ms + offsetMin * 60_000);
  const year = d.getUTCFullYear();
  const jan1 = new Date(0);
  jan1.setUTCFullYear(year, 0, 1);
  const yday = Math.floor((d.getTime() - jan1.getTime()) / 86_400_000) + 1;
  return {
    year,
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
    nsec: d.getUTCMilliseconds() * 1_000_000 + subNs,
    weekday: d.getUTCDay(),
    yday,
    offset: offsetMin * 60,
    zone: t.utc ? 'UTC' : zoneName(ms, offsetMin),
  };
}

/** Unix nanoseconds of a civil date in UTC or local time; fields may overflow (Go normalises them). */
export function fromCivil(year: number, month: number, day: number, hour: number, min: number, sec: number, nsec: number, utc: boolean): TTime {
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  d.setUTCHours(hour, min, sec, 0);
  let ms = d.getTime();
  if (!utc) {
    const guess = ms + new Date(ms).getTimezoneOffset() * 60_000;
    ms = ms + new Date(guess).getTimezoneOffset() * 60_000;
  }
  return new TTime(BigInt(ms) * NS_PER_MS + BigInt(Math.trunc(nsec)), utc);
}

const pad = (n: number, w: number, c = '0') => String(n).padStart(w, c);

/** Layout elements, longest first where one is a prefix of another. */
const ELEMENTS = [
  'January', 'Monday', '2006', '-07:00:00', '-0700', '-07:00', 'Z07:00:00', 'Z0700', 'Z07:00', 'Z07', '-07',
  'Jan', 'Mon', 'MST', '002', '__2', '_2', '01', '02', '03', '04', '05', '06', '15', 'PM', 'pm', '1', '2', '3', '4', '5',
];

function offsetText(offset: number, el: string): string {
  if (el.startsWith('Z') && offset === 0) return 'Z';
  const s = offset < 0 ? '-' : '+';
  const a = Math.abs(offset);
  const h = pad(Math.floor(a / 3600), 2);
  const m = pad(Math.floor((a % 3600) / 60), 2);
  const sec = pad(a % 60, 2);
  const body = el.replace(/^Z/, '-');
  if (body === '-07') return s + h;
  if (body === '-0700') return s + h + m;
  if (body === '-07:00') return `${s}${h}:${m}`;
  return `${s}${h}:${m}:${sec}`;
}

/** Formats a time with a Go layout. */
export function formatTime(t: TTime, layout: string): string {
  const c = civil(t);
  let out = '';
  let i = 0;
  while (i < layout.length) {
    const frac = /^[.,](0+|9+)(?![0-9])/.exec(layout.slice(i));
    if (frac) {
      const n = frac[1]!.length;
      const digits = pad(c.nsec, 9).slice(0, n);
      if (frac[1]![0] === '0') out += layout[i] + digits;
      else {
        const trimmed = digits.replace(/0+$/, '');
        if (trimmed) out += layout[i] + trimmed;
      }
      i += frac[0].length;
      continue;
    }
    const el = ELEMENTS.find((e) => layout.startsWith(e, i));
    if (!el) {
      out += layout[i];
      i++;
      continue;
    }
    i += el.length;
    out += element(c, el);
  }
  return out;
}

function element(c: Civil, el: string): string {
  const h12 = c.hour % 12 === 0 ? 12 : c.hour % 12;
  switch (el) {
    case 'January': return MONTHS[c.month - 1]!;
    case 'Jan': return MONTHS[c.month - 1]!.slice(0, 3);
    case 'Monday': return DAYS[c.weekday]!;
    case 'Mon': return DAYS[c.weekday]!.slice(0, 3);
    case '2006': return pad(c.year, 4);
    case '06': return pad(c.year % 100, 2);
    case '01': return pad(c.month, 2);
    case '1': return String(c.month);
    case '02': return pad(c.day, 2);
    case '_2': return pad(c.day, 2, ' ');
    case '2': return String(c.day);
    case '002': return pad(c.yday, 3);
    case '__2': return pad(c.yday, 3, ' ');
    case '15': return pad(c.hour, 2);
    case '03': return pad(h12, 2);
    case '3': return String(h12);
    case '04': return pad(c.minute, 2);
    case '4': return String(c.minute);
    case '05': return pad(c.second, 2);
    case '5': return String(c.second);
    case 'PM': return c.hour >= 12 ? 'PM' : 'AM';
    case 'pm': return c.hour >= 12 ? 'pm' : 'am';
    case 'MST': return c.zone;
    default: return offsetText(c.offset, el);
  }
}

/** A time's String(): "2006-01-02 15:04:05.999999999 -0700 MST". */
export function timeString(t: TTime): string {
  return formatTime(t, '2006-01-02 15:04:05.999999999 -0700 MST');
}

/** Parses `value` with a Go layout; throws a message when it does not match. */
export function parseTime(layout: string, value: string): TTime {
  const f = { year: 1, month: 1, day: 1, hour: 0, min: 0, sec: 0, nsec: 0, pm: undefined as boolean | undefined, offset: undefined as number | undefined };
  let i = 0;
  let j = 0;
  const bad = (): never => {
    throw new Error(`parsing time ${JSON.stringify(value)} as ${JSON.stringify(layout)}: cannot parse ${JSON.stringify(value.slice(j))} as ${JSON.stringify(layout.slice(i))}`);
  };
  const num = (min: number, max: number): number => {
    const m = new RegExp(`^\\d{${min},${max}}`).exec(value.slice(j));
    if (!m) bad();
    j += m![0].length;
    return Number(m![0]);
  };
  const word = (list: string[], len?: number): number => {
    const k = list.findIndex((w) => value.slice(j).toLowerCase().startsWith((len ? w.slice(0, len) : w).toLowerCase()));
    if (k < 0) bad();
    j += len ?? list[k]!.length;
    return k;
  };
  while (i < layout.length) {
    const frac = /^[.,](0+|9+)(?![0-9])/.exec(layout.slice(i));
    if (frac) {
      i += frac[0].length;
      const m = /^[.,](\d+)/.exec(value.slice(j));
      if (m) {
        j += m[0].length;
        f.nsec = Number(m[1]!.padEnd(9, '0').slice(0, 9));
      } else if (frac[1]![0] === '0') bad();
      continue;
    }
    const el = ELEMENTS.find((e) => layout.startsWith(e, i));
    if (!el) {
      if (value[j] !== layout[i]) bad();
      i++;
      j++;
      continue;
    }
    i += el.length;
    switch (el) {
      case 'January': f.month = word(MONTHS) + 1; break;
      case 'Jan': f.month = word(MONTHS, 3) + 1; break;
      case 'Monday': word(DAYS); break;
      case 'Mon': word(DAYS, 3); break;
      case '2006': f.year = num(4, 4); break;
      case '06': { const y = num(2, 2); f.year = y >= 69 ? 1900 + y : 2000 + y; break; }
      case '01': f.month = num(2, 2); break;
      case '1': f.month = num(1, 2); break;
      case '02': f.day = num(2, 2); break;
      case '_2': if (value[j] === ' ') j++; f.day = num(1, 2); break;
      case '2': f.day = num(1, 2); break;
      case '002': case '__2': num(1, 3); break;
      case '15': f.hour = num(1, 2); break;
      case '03': case '3': f.hour = num(1, 2); break;
      case '04': case '4': f.min = num(1, 2); break;
      case '05': case '5': f.sec = num(1, 2); break;
      case 'PM': case 'pm': f.pm = word(['AM', 'PM']) === 1; break;
      case 'MST': { const m = /^[A-Za-z]{3,5}|^[+-]\d{2,4}/.exec(value.slice(j)); if (!m) bad(); j += m![0].length; if (m![0] === 'UTC' || m![0] === 'GMT') f.offset = 0; break; }
      default: {
        if (el.startsWith('Z') && value[j] === 'Z') { j++; f.offset = 0; break; }
        const m = /^([+-])(\d{2}):?(\d{2})?:?(\d{2})?/.exec(value.slice(j));
        if (!m) bad();
        j += m![0].length;
        f.offset = (m![1] === '-' ? -1 : 1) * (Number(m![2]) * 3600 + Number(m![3] ?? 0) * 60 + Number(m![4] ?? 0));
      }
    }
  }
  if (j !== value.length) throw new Error(`parsing time ${JSON.stringify(value)}: extra text: ${JSON.stringify(value.slice(j))}`);
  if (f.pm !== undefined) {
    if (f.hour === 12) f.hour = 0;
    if (f.pm) f.hour += 12;
  }
  if (f.month < 1 || f.month > 12 || f.day < 1 || f.day > 31 || f.hour > 23 || f.min > 59 || f.sec > 59) {
    throw new Error(`parsing time ${JSON.stringify(value)}: field out of range`);
  }
  const base = fromCivil(f.year, f.month, f.day, f.hour, f.min, f.sec, f.nsec, true);
  return new TTime(base.ns - BigInt(f.offset ?? 0) * 1_000_000_000n, f.offset === undefined || f.offset === 0);
}

/** The `datetime_format` tool: renders a date in a preset or a token pattern, in a time zone. */
import { checkTimeZone, formatPattern, isoString, parseDate } from '../datetime';
import { defineTool } from '../tool-types';

const PRESETS: Record<string, string> = { date: 'YYYY-MM-DD', time: 'HH:mm:ss', datetime: 'YYYY-MM-DD HH:mm:ss' };

type Params = { date: string | number; format?: string; timezone?: string; locale?: string };

/** Formats a date: iso, date, time, datetime, unix, long (localized), or a pattern of YYYY MM DD HH mm ss SSS Z. */
export const datetimeFormat = defineTool<Params>({
  name: 'datetime_format',
  description:
    "Formats 'date' (ISO 8601 text, without an offset meaning UTC, or epoch milliseconds). 'format': iso (default), date, time, datetime, unix, long (localized with 'locale'), or a pattern using YYYY MM DD HH mm ss SSS Z. 'timezone': IANA name, default UTC.",
  parameters: {
    type: 'object',
    properties: {
      date: { type: ['string', 'number'] },
      format: { type: 'string', minLength: 1, maxLength: 200, default: 'iso' },
      timezone: { type: 'string', minLength: 1 },
      locale: { type: 'string', minLength: 1, default: 'en-US' },
    },
    required: ['date'],
    additionalProperties: false,
  },
  run: (p) => {
    const date = parseDate(p.date, 'date');
    if (p.timezone) checkTimeZone(p.timezone);
    const format = p.format ?? 'iso';
    if (format === 'iso') return isoString(date, p.timezone);
    if (format === 'unix') return Math.floor(date.getTime() / 1000);
    if (format === 'long') {
      try {
        return new Intl.DateTimeFormat(p.locale ?? 'en-US', { dateStyle: 'full', timeStyle: 'long', timeZone: p.timezone ?? 'UTC' }).format(date);
      } catch {
        throw new Error(`unknown locale '${p.locale}'`);
      }
    }
    return formatPattern(date, PRESETS[format] ?? format, p.timezone ?? 'UTC');
  },
});

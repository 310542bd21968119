/** The `datetime_now` tool: the current time, in UTC and optionally in a time zone. */
import { checkTimeZone, isoString } from '../datetime';
import { defineTool } from '../tool-types';

/** The current time as ISO 8601 (UTC, and local to `timezone` when given) and epoch numbers. */
export const datetimeNow = defineTool<{ timezone?: string }>({
  name: 'datetime_now',
  description: "The current date and time: 'iso' (UTC), 'local' (in 'timezone', an IANA name like Europe/Paris, when given), 'unix' (seconds) and 'unix_ms'.",
  parameters: { type: 'object', properties: { timezone: { type: 'string', minLength: 1 } }, additionalProperties: false },
  run: ({ timezone }) => {
    if (timezone) checkTimeZone(timezone);
    const now = new Date();
    const base = { iso: isoString(now), unix: Math.floor(now.getTime() / 1000), unix_ms: now.getTime() };
    return timezone ? { ...base, timezone, local: isoString(now, timezone) } : base;
  },
});

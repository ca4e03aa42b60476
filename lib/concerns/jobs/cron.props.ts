import { show } from '../../shared/parse/show';

/** Validates a five-field cron expression (minute hour day-of-month month day-of-week) or a macro. */
export function checkCron(schedule: string): string | undefined {
  const macros = ['@yearly', '@annually', '@monthly', '@weekly', '@daily', '@midnight', '@hourly'];
  if (typeof schedule !== 'string') {
    return `schedule ${show(schedule)} is not a string; allowed: a cron expression such as '*/15 * * * *'`;
  }
  if (macros.includes(schedule)) {
    return undefined;
  }
  const fields = schedule.trim().split(/\s+/);
  const ranges: Array<[number, number]> = [
    [0, 59],
    [0, 23],
    [1, 31],
    [1, 12],
    [0, 7],
  ];
  const names = [undefined, undefined, undefined, /^(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)$/i, /^(sun|mon|tue|wed|thu|fri|sat)$/i];
  const allowed = `allowed: five fields 'minute hour day-of-month month day-of-week' such as '*/15 * * * *', or one of ${macros.join(', ')}`;
  if (fields.length !== 5) {
    return `schedule '${schedule}' has ${fields.length} fields; ${allowed}`;
  }
  for (let i = 0; i < 5; i++) {
    for (const item of fields[i].split(',')) {
      const [range, step] = item.split('/');
      if (step !== undefined && (!/^\d+$/.test(step) || Number(step) === 0)) {
        return `schedule '${schedule}': step '${step}' in field ${i + 1} is not a positive number; ${allowed}`;
      }
      // '?' is '*' for day-of-month and day-of-week (Kubernetes' cron parser accepts it there).
      if (range === '*' || (range === '?' && (i === 2 || i === 4)) || (names[i]?.test(range) ?? false)) {
        continue;
      }
      const bounds = range.split('-');
      for (const b of bounds) {
        const n = Number(b);
        if (!/^\d+$/.test(b) && !(names[i]?.test(b) ?? false)) {
          return `schedule '${schedule}': '${item}' in field ${i + 1} is not a number, range or '*'; ${allowed}`;
        }
        if (/^\d+$/.test(b) && (n < ranges[i][0] || n > ranges[i][1])) {
          return `schedule '${schedule}': ${n} in field ${i + 1} is out of range ${ranges[i][0]}-${ranges[i][1]}; ${allowed}`;
        }
      }
      if (bounds.length > 2) {
        return `schedule '${schedule}': '${item}' is not a valid range; ${allowed}`;
      }
      if (bounds.length === 2 && /^\d+$/.test(bounds[0]) && /^\d+$/.test(bounds[1]) && Number(bounds[0]) > Number(bounds[1])) {
        return `schedule '${schedule}': range '${range}' in field ${i + 1} starts after it ends; ${allowed}`;
      }
    }
  }
  return undefined;
}

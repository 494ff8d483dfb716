/** authentik's judgement of schedules: the crontab its model validator parses with cron-converter. */
import { ModelName } from '../../catalog/model-facts';
import { isKnown, show, type EntryRule } from './rule';

/** The models these rules judge, by the catalog's names. */
const MODEL = {
  SCHEDULE: ModelName.SCHEDULE,
} as const;

/** cron-converter's units (cron_converter/sub_modules/units.py): minute, hour, day, month, weekday. */
const UNITS: ReadonlyArray<{ name: string; min: number; max: number; alt?: readonly string[] }> = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12, alt: ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'] },
  { name: 'weekday', min: 0, max: 6, alt: ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'] },
];

/** Python's `int()` of a cron-converter token (digits with an optional sign and single underscores between digits). */
function pythonInt(text: string): number | undefined {
  return /^[+-]?\d+(?:_\d+)*$/.test(text) ? Number(text.replace(/_/g, '')) : undefined;
}

/** Why cron-converter's `Cron(value)` raises, or undefined when it parses (cron_converter/cron.py, sub_modules/part.py). */
export function cronConverterError(value: string): string | undefined {
  const parts = value.trim().split(/\s+/).filter((p) => p !== '');
  if (parts.length !== 5) return `it has ${parts.length} field${parts.length === 1 ? '' : 's'}, not the 5 (minute hour day month weekday) cron-converter reads`;
  for (const [i, raw] of parts.entries()) {
    const unit = UNITS[i]!;
    let text = raw;
    if (unit.alt) {
      text = text.toUpperCase();
      unit.alt.forEach((name, idx) => { text = text.split(name).join(String(unit.min + idx)); });
    }
    for (const item of text.split(',')) {
      const rangeStep = item.split('/');
      if (rangeStep.length > 2) return `${JSON.stringify(raw)} has more than one / in ${unit.name}`;
      const [range, step] = rangeStep as [string, string | undefined];
      if (range === '') return `${JSON.stringify(raw)} has an empty ${unit.name} value`;
      if (range !== '*') {
        const bounds = range.split('-');
        if (bounds.length > 2) return `${JSON.stringify(raw)} is not a ${unit.name} value or range`;
        const numbers = bounds.map(pythonInt);
        if (numbers.some((n) => n === undefined)) return `${JSON.stringify(raw)} is not a ${unit.name} value or range (cron-converter takes numbers${unit.alt ? ' and names' : ''} only)`;
        let values: number[] = [numbers[0]!];
        if (numbers.length === 2) {
          if (numbers[1]! < numbers[0]!) return `${JSON.stringify(raw)} has a ${unit.name} range whose end is before its start`;
          values = Array.from({ length: numbers[1]! - numbers[0]! + 1 }, (_v, k) => numbers[0]! + k);
        }
        if (unit.name === 'weekday') values = values.map((v) => (v === 7 ? 0 : v));
        const first = values[0]!;
        const last = values[values.length - 1]!;
        if (first < unit.min || last > unit.max) {
          return `${JSON.stringify(raw)} has ${first < unit.min ? first : last}, out of range for ${unit.name} (${unit.min} to ${unit.max}${unit.name === 'weekday' ? ', or 7 for Sunday' : ''})`;
        }
      }
      if (step !== undefined) {
        const n = pythonInt(step);
        if (n === undefined || n < 1) return `${JSON.stringify(raw)} has step ${JSON.stringify(step)} in ${unit.name}, not a whole number of at least 1`;
      }
    }
  }
  return undefined;
}

export const SCHEDULE_RULES: readonly EntryRule[] = [
  {
    id: 'schedule-crontab-parses',
    source: 'packages/django-dramatiq-postgres/django_dramatiq_postgres/models.py',
    models: [MODEL.SCHEDULE],
    check: ({ path, fields }) => {
      const value = fields.crontab;
      // a blank crontab is refused by the API schema already
      if (typeof value !== 'string' || !isKnown(value) || value.trim() === '') return [];
      const error = cronConverterError(value);
      if (!error) return [];
      const macros: Record<string, string> = { '@hourly': '0 * * * *', '@daily': '0 0 * * *', '@midnight': '0 0 * * *', '@weekly': '0 0 * * 0', '@monthly': '0 0 1 * *', '@yearly': '0 0 1 1 *', '@annually': '0 0 1 1 *' };
      const fix = macros[value.trim()] ? `write ${JSON.stringify(macros[value.trim()])} for ${value.trim()}` : 'write five fields, e.g. "*/30 * * * *" (every 30 minutes) or "0 3 * * mon"';
      return [`${path}.crontab: ${show(value)} is not a crontab authentik takes: ${error}; authentik refuses it ("… is not a valid crontab"); ${fix}`];
    },
  },
];

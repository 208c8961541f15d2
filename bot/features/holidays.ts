/**
 * /holiday (C12): the official calendar behind every working-day count. The bundled data stops at the
 * last published year; admins enter the next year's schedule (and corrections) here.
 * @module
 */
import { tokenize } from '../core/command.js';
import type { Context } from '../core/context.js';
import { UserInputError } from '../core/errors.js';
import type { CommandSpec } from '../core/router.js';
import { packageYears } from '../domain/calendar.js';
import { parseYmd } from '../domain/dates.js';
import { checkName, cleanName } from '../domain/names.js';
import { localDate } from '../domain/time.js';

const OFF = new Set(['休', '放假', 'off']);
const WORK = new Set(['班', '上班', '补班', 'work', 'workday']);

export const holidayCommand: CommandSpec = {
  name: 'holiday',
  aliases: ['节假日', 'holidays'],
  action: 'admin',
  usage: (m) => m.holiday.usage,
  handle(ctx) {
    const [sub = '', date = '', kind = '', ...nameParts] = tokenize(ctx.command.args);
    if (!sub) return show(ctx);
    ctx.authorize('admin');
    if (!parseYmd(date))
      throw new UserInputError(
        (m) => (date ? m.holiday.badDate(date) : m.common.usage(m.holiday.usage)),
        date ? 'holiday' : undefined,
      );
    if (sub === 'remove' || sub === '删除') {
      ctx.mutate(() => {
        if (!ctx.deps.repos.holidays.remove(date)) throw new UserInputError((m) => m.holiday.notFound(date));
        ctx.audit({ subjectType: 'holiday', action: 'holiday.remove', data: { date } });
        ctx.reply(ctx.m.holiday.removed(date));
      });
      ctx.deps.invalidateCalendar();
      return;
    }
    if (sub !== 'add' && sub !== '添加') throw new UserInputError((m) => m.common.usage(m.holiday.usage));
    const isOffDay = OFF.has(kind) ? true : WORK.has(kind) ? false : undefined;
    if (isOffDay === undefined) throw new UserInputError((m) => m.holiday.badKind, 'holiday');
    const name = cleanName(nameParts.join(' '));
    if (name && checkName(name, 20)) throw new UserInputError((m) => m.common.badCharacters, 'holiday');
    ctx.mutate(() => {
      ctx.deps.repos.holidays.set({
        date,
        isOffDay,
        name: name || undefined,
        by: ctx.person.id,
        now: ctx.now,
      });
      ctx.audit({ subjectType: 'holiday', action: 'holiday.set', data: { date, isOffDay, name } });
      ctx.reply(ctx.m.holiday.saved(date, isOffDay));
    });
    ctx.deps.invalidateCalendar();
  },
};

function show(ctx: Context): void {
  const { m } = ctx;
  const years = packageYears();
  const rows = ctx.deps.repos.holidays.all();
  const lines = [m.holiday.title(`${years[0]}–${years.at(-1)}`), m.holiday.overridesTitle];
  lines.push(
    ...(rows.length
      ? rows.map((r) => m.holiday.line(r.date, r.isOffDay, r.name ?? ''))
      : [m.holiday.noOverrides]),
  );
  const nextYear = Number(localDate(ctx.now, ctx.deps.timezone).slice(0, 4)) + 1;
  if (!ctx.deps.calendar().hasData(nextYear)) lines.push(m.holiday.missingYear(nextYear));
  ctx.reply(lines.join('\n'));
}

/**
 * Regular meetings (issue #5; DESIGN.md J3–J5, C5–C9): `/meeting` and its subcommands, `/meetings`,
 * `/topic`, the 请假 / edit / notes conversations, discussion capture, and the scheduler's step kinds.
 * @module
 */
import { tokenize } from '../../core/command.js';
import type { CommandSpec, Router } from '../../core/router.js';
import { attend, leave, leaveReason, leaveSubstitute } from './attendance.js';
import { captureText, endMeeting, notesAnswer, startMeeting } from './capture.js';
import {
  cancelOccurrence,
  listMeetings,
  meetingsCommand,
  moveOccurrence,
  sendIcs,
  showAttendance,
  showNext,
  stopSeries,
} from './manage.js';
import { ROLL_KIND, rollStep, STEP_KIND } from './plan.js';
import { remindCommand, reminderStep } from './reminders.js';
import { confirmSeries, createSeries, editAnswer, editSeries, setPolicy } from './schedule.js';
import { topicCommand } from './topics.js';

type Sub =
  | 'list'
  | 'next'
  | 'cancel'
  | 'move'
  | 'stop'
  | 'ics'
  | 'start'
  | 'end'
  | 'remind'
  | 'attend'
  | 'leave'
  | 'attendance'
  | 'confirm'
  | 'edit'
  | 'policy';

const SUB: Record<string, Sub> = {
  list: 'list',
  列表: 'list',
  清单: 'list',
  查看: 'list',
  next: 'next',
  下次: 'next',
  下一次: 'next',
  cancel: 'cancel',
  取消: 'cancel',
  move: 'move',
  改期: 'move',
  调整: 'move',
  stop: 'stop',
  停止: 'stop',
  终止: 'stop',
  ics: 'ics',
  日历: 'ics',
  calendar: 'ics',
  start: 'start',
  开始: 'start',
  开会: 'start',
  end: 'end',
  结束: 'end',
  散会: 'end',
  remind: 'remind',
  reminders: 'remind',
  提醒: 'remind',
  提醒计划: 'remind',
  attend: 'attend',
  参会: 'attend',
  参加: 'attend',
  leave: 'leave',
  请假: 'leave',
  attendance: 'attendance',
  名单: 'attendance',
  出席: 'attendance',
  参会名单: 'attendance',
  confirm: 'confirm',
  确认: 'confirm',
  edit: 'edit',
  修改: 'edit',
  顺延: 'policy',
  holiday: 'policy',
};

/** Subcommands that read a schedule phrase when more words follow (`/meeting next Wednesday 2pm`). */
const PHRASE_TOO = new Set<Sub>(['next', 'list']);

export const meetingCommand: CommandSpec = {
  name: 'meeting',
  aliases: ['会议', '例会'],
  where: 'bound',
  usage: (m) => m.meetings.usage,
  handle(ctx) {
    const args = ctx.command.args.trim();
    if (!args) return listMeetings(ctx);
    const [first = '', ...rest] = tokenize(args);
    const sub = SUB[first.toLowerCase()];
    if (!sub || (PHRASE_TOO.has(sub) && rest.length)) return createSeries(ctx, args);
    switch (sub) {
      case 'list':
        return listMeetings(ctx);
      case 'next':
        return showNext(ctx);
      case 'cancel':
        return cancelOccurrence(ctx, rest);
      case 'move':
        return moveOccurrence(ctx, rest);
      case 'stop':
        return stopSeries(ctx, rest);
      case 'ics':
        return sendIcs(ctx, rest);
      case 'start':
        return startMeeting(ctx, rest[0]);
      case 'end':
        return endMeeting(ctx);
      case 'remind':
        return remindCommand(ctx, rest);
      case 'attend':
        return attend(ctx, rest[0]);
      case 'leave':
        return leave(ctx, rest[0]);
      case 'attendance':
        return showAttendance(ctx, rest[0]);
      case 'confirm':
        return confirmSeries(ctx, rest[0]);
      case 'edit':
        return editSeries(ctx, rest[0]);
      case 'policy':
        return setPolicy(ctx, rest);
    }
  },
};

/** Mount the meetings feature: commands, conversations, the capture text handler and step kinds. */
export function mountMeetings(router: Router): Router {
  return router
    .command(meetingCommand)
    .command(meetingsCommand)
    .command(topicCommand)
    .conversation('meeting.edit', editAnswer)
    .conversation('meeting.leave.reason', leaveReason)
    .conversation('meeting.leave.substitute', leaveSubstitute)
    .conversation('meeting.notes', notesAnswer)
    .text(captureText)
    .step(STEP_KIND.topicCall, reminderStep('topicCall'))
    .step(STEP_KIND.notice, reminderStep('notice'))
    .step(STEP_KIND.reminder, reminderStep('reminder'))
    .step(ROLL_KIND, rollStep);
}

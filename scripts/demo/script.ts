/**
 * What the tour does, step by step: the lines people type at the terminal chat and the moments the
 * simulated clock runs to. Nothing here is output: every reply comes from the bot at play time.
 *
 * The story (Asia/Shanghai, 2026): a street's joint meeting is set up on Monday 21 September, meets on
 * Wednesday the 23rd and agrees three items. Then the clock runs across 中秋 (25–27 Sep) and 国庆
 * (1–7 Oct), past the 调休 Saturday 10 October that counts as a working day: one item is done and
 * verified, one is extended, and one is ignored until it is chased (yellow) and listed (red).
 * @module
 */

/** One thing the tour does: type a line, let the clock run to a Shanghai wall-clock time, or remark. */
export type TourAction = string | { until: string } | { note: string };

export interface TourStep {
  /** The heading, in Chinese: `── 第 N 步：<title> ──`. */
  title: string;
  /** The heading in English. */
  gloss: string;
  /** One line on what happens, in Chinese, then in English. */
  about: [zh: string, en: string];
  actions: TourAction[];
}

/** Monday 21 September 2026, an ordinary working day. */
export const TOUR_START = '2026-09-21 09:00';

/** The notes the secretary pastes after the meeting, on one line as the terminal takes them. */
export const MEETING_NOTES =
  '议定事项：1.由区供电公司第二供电所牵头，幸福里社区居委会配合，排查建设路3处老化线路，月底前完成；' +
  '2.幸福里社区居委会负责清理5号楼楼道堆放杂物，10个工作日内完成；' +
  '3.区城管执法中队负责整治幸福里路口占道经营，月底前完成；' +
  '4.关于小区停车位改造，下次再议。';

export const TOUR: TourStep[] = [
  {
    title: '建立联席会议',
    gloss: 'Set up the joint meeting',
    about: [
      '秘书张三把本群绑定为联席会议，登记成员单位（带简称）、各单位联络员和召集人。',
      'The secretary binds this group to a joint meeting, adds member units with aliases, their liaisons and the chair.',
    ],
    actions: [
      '/setup 联席会议 和平街道联席会议 编号:HP',
      '/unit add 区供电公司第二供电所 别名:二所,供电所',
      '/unit add 幸福里社区居委会 别名:居委会',
      '/unit add 区城管执法中队 别名:城管',
      { note: '简称就能找到单位 · an alias finds the unit' },
      '/liaison 二所 @周明',
      '/liaison 居委会 @王芳',
      '/liaison 城管 @刘强',
      '/role @李书记 召集人',
      '/unit list',
    ],
  },
  {
    title: '安排例会',
    gloss: 'Schedule the regular meeting',
    about: [
      '用一句中文安排每月例会；议事先复述它的理解，按「确认」才生效。',
      'One Chinese phrase schedules a monthly meeting; the bot echoes what it understood and waits for 确认.',
    ],
    actions: [
      '/meeting 每月23日14:30 街道联席会议 地点:党群服务中心三楼',
      { note: '输入 1 就是按下按钮 [1] · typing 1 presses button [1]' },
      '1',
    ],
  },
  {
    title: '会议通知与参会回复',
    gloss: 'The notice goes out; people reply 参会 / 请假',
    about: [
      '时钟走到会前一天 09:00，通知自动发到群里；联络员回复参会或请假（事由、代会人）。',
      'The clock runs to 09:00 the day before: the notice arrives; liaisons answer attend, or excused with a reason and a substitute.',
    ],
    actions: [
      { until: '2026-09-22 09:00' },
      '/as 周明',
      '1',
      '/as 王芳',
      '2',
      '区里安排外出培训',
      '@赵敏',
      '/as 刘强',
      '1',
      '/as 张三',
      '/meeting 名单',
    ],
  },
  {
    title: '会前提醒，开会',
    gloss: 'The reminder fires; the meeting is held',
    about: [
      '会前 1 小时自动提醒；秘书宣布开会、散会，期间群里的发言留作纪要素材。',
      'An hour before, the reminder fires; the secretary opens and closes the sitting, and the discussion is kept for the minutes.',
    ],
    actions: [
      { until: '2026-09-23 14:30' },
      '/meeting start',
      '/as 周明',
      '建设路那3处老化线路我们所牵头排查，月底前能完成。',
      '/as 张三',
      { until: '2026-09-23 16:00' },
      '/meeting end',
    ],
  },
  {
    title: '从会议记录生成事项',
    gloss: 'Agreed items from the pasted notes',
    about: [
      '秘书贴上会议记录，议事（不用大模型）找出议定事项、责任单位和时限，逐项确认后才交办。',
      'The secretary pastes the notes; without any model the bot finds each item, its units and deadline, and nothing is assigned until confirmed.',
    ],
    actions: [
      { note: '终端里一条消息就是一行，记录就贴成一行；在企业微信、Telegram 里可以原样贴多行' },
      { note: 'In the terminal one message is one line; in WeCom or Telegram paste the notes as they are' },
      `/notes ${MEETING_NOTES}`,
    ],
  },
  {
    title: '确认交办，通知联络员',
    gloss: 'Confirm: codes are given, liaisons are notified',
    about: [
      '确认后事项得到编号，各单位联络员收到私信交办通知，群里有汇总。',
      'Confirmed items get a code; each unit’s liaison gets a private notice, and the group a summary.',
    ],
    actions: [
      { note: '按草稿号确认，或对最后一条直接按 1 · confirm by draft number, or press [1] on the last one' },
      '/item 确认 1',
      '/item 确认 2',
      '1',
    ],
  },
  {
    title: '联络员签收、报进展',
    gloss: 'Liaisons acknowledge and report progress',
    about: [
      '联络员在私信里按「签收」，或用 /task 命令报进展。',
      'Liaisons press 签收 in their private chat, or report progress with /task.',
    ],
    actions: [
      '/as 周明',
      '/dm',
      '1',
      '/task HP-2026-001 进展 已排查2处，第3处需停电检修，已报计划',
      '/as 刘强',
      '/dm',
      '1',
    ],
  },
  {
    title: '按工作日跟踪',
    gloss: 'Follow-ups on working days',
    about: [
      '时钟往前走：到期前 3 个工作日临期提醒，未签收的催签收；中秋放假，周报提前到周四发给秘书。',
      'Time passes: due-soon reminders 3 working days ahead, a nudge to acknowledge; with 中秋 on Friday the weekly digest comes on Thursday.',
    ],
    actions: [
      { until: '2026-09-24 17:00' },
      '/as 王芳',
      '/dm',
      '1',
      '/task HP-2026-001 签收',
      { until: '2026-09-29 10:00' },
    ],
  },
  {
    title: '办结与核查销号',
    gloss: 'Done, then verified by the secretary',
    about: [
      '联络员报告办结不等于结束：秘书核查通过才销号。',
      'A liaison’s “done” is not the end: the item closes only when the secretary verifies it.',
    ],
    actions: ['/as 周明', '/task HP-2026-001 办结 3处老化线路已全部更换，已通电验收', '/as 张三', '/dm', '1'],
  },
  {
    title: '国庆长假后的催办',
    gloss: 'After the National Day holiday: the yellow chase',
    about: [
      '城管的事项 9月30日到期仍未办结；国庆 7 天不算工作日，节后第一个工作日 🟡 催办联络员和秘书。每月5日（遇假顺延）群里还会收到上月的督办情况通报。',
      'The city-management item passes its 30 Sep deadline; the 7 holiday days do not count, so the yellow chase comes on the first working day after. The monthly bulletin for September reaches the group too (due on the 5th, moved past the holiday).',
    ],
    actions: [{ until: '2026-10-08 10:00' }],
  },
  {
    title: '到期前申请延期',
    gloss: 'An extension, asked before the deadline and approved',
    about: [
      '10月10日是调休上班的周六，照样提醒；居委会在到期前申请延期，秘书批准，跟踪计划随之改到新日期。',
      'Saturday 10 Oct is a make-up working day, so reminders go out; the committee asks for more time before its deadline and the secretary approves.',
    ],
    actions: [
      { until: '2026-10-10 10:00' },
      '/as 王芳',
      '/task HP-2026-002 延期 10月23日 清运车辆节后才排上，需再协调业主',
      '/as 张三',
      '1',
    ],
  },
  {
    title: '超期通报',
    gloss: 'Overdue: the red listing',
    about: [
      '超期 5 个工作日（调休周六也算）仍无答复，🔴 列入通报，发给秘书、召集人和群。',
      'Five working days overdue (the make-up Saturday counts) with no answer: listed red to the secretary, the chair and the group.',
    ],
    actions: [{ until: '2026-10-13 10:00' }, '/in 联席会议群', '/tasks'],
  },
  {
    title: '会议纪要和督办台账',
    gloss: 'The minutes (.docx) and the ledger (.xlsx)',
    about: [
      '秘书取出 9月23日会议的纪要和全部事项的台账，文件保存在输出目录。',
      'The secretary gets the minutes of the 23 Sep sitting and the ledger of every item, saved to the output folder.',
    ],
    actions: ['/minutes 2026-09-23', '/ledger'],
  },
];

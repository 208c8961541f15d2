/**
 * Meetings (C5–C9): series with their rule and reminder plan, occurrences (one row per sitting, keyed by
 * the rule's own instant so a moved or cancelled sitting is never generated twice), attendance with
 * reason and substitute, agenda topics, and the discussion captured between /meeting start and end.
 * @module
 */
import { and, asc, desc, eq, gt, gte, inArray, isNull, lt, lte, ne, or } from 'drizzle-orm';
import type { Db } from '../client.js';
import {
  agendaTopics,
  attendance,
  bodies,
  capturedMessages,
  liaisonAssignments,
  meetingSeries,
  meetings,
  people,
  roleGrants,
  units,
} from '../schema/index.js';

export type SeriesRow = typeof meetingSeries.$inferSelect;
export type OccurrenceRow = typeof meetings.$inferSelect;
export type AttendanceRow = typeof attendance.$inferSelect;
export type TopicRow = typeof agendaTopics.$inferSelect;
export type CapturedRow = typeof capturedMessages.$inferSelect;
export type AttendanceStatus = AttendanceRow['status'];
export type TopicStatus = TopicRow['status'];

export interface AttendanceView extends AttendanceRow {
  personName: string;
  unitName: string | null;
}

export interface TopicView extends TopicRow {
  proposerName: string | null;
  unitName: string | null;
}

/** Why an occurrence row exists only as a placeholder: 顺延 merged it into another sitting. */
export const MERGED_REASON = '(merged)';

/** Topics still on an agenda (not rejected, not yet discussed). */
const LIVE_TOPICS: TopicStatus[] = ['proposed', 'accepted', 'deferred'];

export function createMeetingRepo(db: Db) {
  const getSeries = (id: number): SeriesRow | undefined =>
    db.select().from(meetingSeries).where(eq(meetingSeries.id, id)).get();
  const getOccurrence = (id: number): OccurrenceRow | undefined =>
    db.select().from(meetings).where(eq(meetings.id, id)).get();

  const topicView = db
    .select({ t: agendaTopics, proposerName: people.name, unitName: units.name })
    .from(agendaTopics)
    .leftJoin(people, eq(people.id, agendaTopics.proposerPersonId))
    .leftJoin(units, eq(units.id, agendaTopics.proposerUnitId));
  const toTopic = (r: { t: TopicRow; proposerName: string | null; unitName: string | null }): TopicView => ({
    ...r.t,
    proposerName: r.proposerName,
    unitName: r.unitName,
  });

  return {
    // --- series

    getSeries,

    createSeries(input: {
      bodyId: number;
      name: string;
      ruleText: string;
      rule: string;
      timezone: string;
      holidayPolicy: SeriesRow['holidayPolicy'];
      place?: string | null;
      onlineLink?: string | null;
      chairPersonId?: number | null;
      durationMinutes?: number;
      seqStart?: number;
      createdBy?: number;
      now: number;
    }): SeriesRow {
      return db
        .insert(meetingSeries)
        .values({
          bodyId: input.bodyId,
          name: input.name,
          ruleText: input.ruleText,
          rule: input.rule,
          timezone: input.timezone,
          holidayPolicy: input.holidayPolicy,
          place: input.place ?? null,
          onlineLink: input.onlineLink ?? null,
          chairPersonId: input.chairPersonId ?? null,
          durationMinutes: input.durationMinutes ?? 60,
          seqStart: input.seqStart ?? 1,
          status: 'draft',
          createdBy: input.createdBy ?? null,
          createdAt: input.now,
          updatedAt: input.now,
        })
        .returning()
        .get();
    },

    updateSeries(id: number, patch: Partial<Omit<SeriesRow, 'id' | 'createdAt'>>, now: number): void {
      db.update(meetingSeries)
        .set({ ...patch, updatedAt: now })
        .where(eq(meetingSeries.id, id))
        .run();
    },

    /** Active series of a body, oldest first. */
    activeSeries: (bodyId: number): SeriesRow[] =>
      db
        .select()
        .from(meetingSeries)
        .where(and(eq(meetingSeries.bodyId, bodyId), eq(meetingSeries.status, 'active')))
        .orderBy(asc(meetingSeries.id))
        .all(),

    // --- occurrences

    getOccurrence,

    /** Insert an occurrence unless the series already has one for that original instant. */
    insertOccurrence(input: {
      bodyId: number;
      seriesId: number;
      title: string;
      kind: OccurrenceRow['kind'];
      scheduledAt: number;
      originalAt: number;
      place?: string | null;
      onlineLink?: string | null;
      chairPersonId?: number | null;
      status?: OccurrenceRow['status'];
      cancelReason?: string | null;
      now: number;
    }): OccurrenceRow | undefined {
      return db
        .insert(meetings)
        .values({
          bodyId: input.bodyId,
          seriesId: input.seriesId,
          title: input.title,
          kind: input.kind,
          scheduledAt: input.scheduledAt,
          originalAt: input.originalAt,
          place: input.place ?? null,
          onlineLink: input.onlineLink ?? null,
          chairPersonId: input.chairPersonId ?? null,
          status: input.status ?? 'planned',
          cancelReason: input.cancelReason ?? null,
          createdAt: input.now,
          updatedAt: input.now,
        })
        .onConflictDoNothing()
        .returning()
        .get();
    },

    updateOccurrence(id: number, patch: Partial<Omit<OccurrenceRow, 'id' | 'createdAt'>>, now: number): void {
      db.update(meetings)
        .set({ ...patch, updatedAt: now })
        .where(eq(meetings.id, id))
        .run();
    },

    /** Every occurrence row of a series (placeholders included), in order of the rule's instants. */
    occurrencesOf: (seriesId: number): OccurrenceRow[] =>
      db
        .select()
        .from(meetings)
        .where(eq(meetings.seriesId, seriesId))
        .orderBy(asc(meetings.scheduledAt), asc(meetings.id))
        .all(),

    /** Planned occurrences of a body from an instant on (inclusive), soonest first. */
    upcoming: (bodyId: number, from: number, limit = 50): OccurrenceRow[] =>
      db
        .select()
        .from(meetings)
        .where(
          and(eq(meetings.bodyId, bodyId), eq(meetings.status, 'planned'), gte(meetings.scheduledAt, from)),
        )
        .orderBy(asc(meetings.scheduledAt), asc(meetings.id))
        .limit(limit)
        .all(),

    /** Occurrences of a body (any status but placeholders) whose instant lies in [from, to). */
    between: (bodyId: number, from: number, to: number): OccurrenceRow[] =>
      db
        .select()
        .from(meetings)
        .where(
          and(
            eq(meetings.bodyId, bodyId),
            gte(meetings.scheduledAt, from),
            lt(meetings.scheduledAt, to),
            or(isNull(meetings.cancelReason), ne(meetings.cancelReason, MERGED_REASON)),
          ),
        )
        .orderBy(asc(meetings.scheduledAt), asc(meetings.id))
        .all(),

    /** The sitting before this one in its series (held or planned, not cancelled). */
    previousOf: (occ: OccurrenceRow): OccurrenceRow | undefined =>
      occ.seriesId === null
        ? undefined
        : db
            .select()
            .from(meetings)
            .where(
              and(
                eq(meetings.seriesId, occ.seriesId),
                ne(meetings.status, 'cancelled'),
                lt(meetings.scheduledAt, occ.scheduledAt),
              ),
            )
            .orderBy(desc(meetings.scheduledAt), desc(meetings.id))
            .get(),

    /** The next planned sitting of a body after an instant, other than `exceptId`. */
    nextPlanned: (bodyId: number, after: number, exceptId?: number): OccurrenceRow | undefined =>
      db
        .select()
        .from(meetings)
        .where(
          and(
            eq(meetings.bodyId, bodyId),
            eq(meetings.status, 'planned'),
            gt(meetings.scheduledAt, after),
            exceptId === undefined ? undefined : ne(meetings.id, exceptId),
          ),
        )
        .orderBy(asc(meetings.scheduledAt), asc(meetings.id))
        .get(),

    /** The sitting whose discussion is being captured in a chat (started, not ended). */
    capturing: (chatRowId: number): OccurrenceRow | undefined =>
      db
        .select()
        .from(meetings)
        .where(
          and(eq(meetings.captureChatId, chatRowId), eq(meetings.status, 'held'), isNull(meetings.endedAt)),
        )
        .orderBy(desc(meetings.startedAt))
        .get(),

    /** The latest held sitting of a body, for /meeting end and pasted notes. */
    lastHeld: (bodyId: number): OccurrenceRow | undefined =>
      db
        .select()
        .from(meetings)
        .where(and(eq(meetings.bodyId, bodyId), eq(meetings.status, 'held')))
        .orderBy(desc(meetings.startedAt), desc(meetings.scheduledAt))
        .get(),

    /**
     * Number the sittings of a series (第N次) in order of time: cancelled ones keep the number they had,
     * the others count on from the series' first number.
     */
    renumber(seriesId: number, seqStart: number, now: number): void {
      const rows = db
        .select()
        .from(meetings)
        .where(and(eq(meetings.seriesId, seriesId), ne(meetings.status, 'cancelled')))
        .orderBy(asc(meetings.scheduledAt), asc(meetings.id))
        .all();
      rows.forEach((r, i) => {
        if (r.seqNo !== seqStart + i)
          db.update(meetings)
            .set({ seqNo: seqStart + i, updatedAt: now })
            .where(eq(meetings.id, r.id))
            .run();
      });
    },

    // --- attendance

    /** Record or change a person's answer for a sitting. */
    setAttendance(input: {
      meetingId: number;
      personId: number;
      unitId?: number | null;
      status: AttendanceStatus;
      reason?: string | null;
      substituteName?: string | null;
      substitutePersonId?: number | null;
      now: number;
    }): void {
      const values = {
        unitId: input.unitId ?? null,
        status: input.status,
        reason: input.reason ?? null,
        substituteName: input.substituteName ?? null,
        substitutePersonId: input.substitutePersonId ?? null,
        respondedAt: input.now,
      };
      db.insert(attendance)
        .values({ meetingId: input.meetingId, personId: input.personId, ...values })
        .onConflictDoUpdate({ target: [attendance.meetingId, attendance.personId], set: values })
        .run();
    },

    attendanceOf: (meetingId: number): AttendanceView[] =>
      db
        .select({ a: attendance, personName: people.name, unitName: units.name })
        .from(attendance)
        .innerJoin(people, eq(people.id, attendance.personId))
        .leftJoin(units, eq(units.id, attendance.unitId))
        .where(eq(attendance.meetingId, meetingId))
        .orderBy(asc(attendance.respondedAt), asc(attendance.id))
        .all()
        .map((r) => ({ ...r.a, personName: r.personName, unitName: r.unitName })),

    attendanceOfPerson: (meetingId: number, personId: number): AttendanceRow | undefined =>
      db
        .select()
        .from(attendance)
        .where(and(eq(attendance.meetingId, meetingId), eq(attendance.personId, personId)))
        .get(),

    // --- topics

    addTopic(input: {
      bodyId: number;
      meetingId: number | null;
      title: string;
      proposerPersonId: number;
      proposerUnitId?: number | null;
      now: number;
    }): TopicRow {
      return db
        .insert(agendaTopics)
        .values({
          bodyId: input.bodyId,
          meetingId: input.meetingId,
          title: input.title,
          proposerPersonId: input.proposerPersonId,
          proposerUnitId: input.proposerUnitId ?? null,
          createdAt: input.now,
        })
        .returning()
        .get();
    },

    getTopic: (id: number): TopicView | undefined => {
      const r = topicView.where(eq(agendaTopics.id, id)).get();
      return r ? toTopic(r) : undefined;
    },

    updateTopic(id: number, patch: Partial<Omit<TopicRow, 'id' | 'createdAt' | 'bodyId'>>): void {
      db.update(agendaTopics).set(patch).where(eq(agendaTopics.id, id)).run();
    },

    /** Topics on a sitting's agenda that are still live (proposed, accepted, deferred here). */
    topicsOf: (meetingId: number): TopicView[] =>
      topicView
        .where(and(eq(agendaTopics.meetingId, meetingId), inArray(agendaTopics.status, LIVE_TOPICS)))
        .orderBy(asc(agendaTopics.id))
        .all()
        .map(toTopic),

    /** Live topics waiting in the pool (no sitting yet). */
    poolOf: (bodyId: number): TopicView[] =>
      topicView
        .where(
          and(
            eq(agendaTopics.bodyId, bodyId),
            isNull(agendaTopics.meetingId),
            inArray(agendaTopics.status, LIVE_TOPICS),
          ),
        )
        .orderBy(asc(agendaTopics.id))
        .all()
        .map(toTopic),

    /** Move the live topics of one sitting (or of the pool, `from` null) to another (or to the pool). */
    moveLiveTopics(bodyId: number, from: number | null, to: number | null): number {
      return db
        .update(agendaTopics)
        .set({ meetingId: to })
        .where(
          and(
            eq(agendaTopics.bodyId, bodyId),
            from === null ? isNull(agendaTopics.meetingId) : eq(agendaTopics.meetingId, from),
            inArray(agendaTopics.status, LIVE_TOPICS),
          ),
        )
        .run().changes;
    },

    // --- captured discussion

    addCaptured(input: {
      meetingId: number;
      personId?: number | null;
      senderName: string;
      text: string;
      sentAt: number;
    }): void {
      db.insert(capturedMessages)
        .values({
          meetingId: input.meetingId,
          personId: input.personId ?? null,
          senderName: input.senderName,
          text: input.text,
          sentAt: input.sentAt,
        })
        .run();
    },

    capturedOf: (meetingId: number): CapturedRow[] =>
      db
        .select()
        .from(capturedMessages)
        .where(eq(capturedMessages.meetingId, meetingId))
        .orderBy(asc(capturedMessages.sentAt), asc(capturedMessages.id))
        .all(),

    // --- a person's meetings across bodies

    /**
     * Bodies a person belongs to: a role there, a current liaison assignment, or an answer to one of its
     * meetings. Active bodies only, by name.
     */
    bodiesOfPerson(personId: number): { id: number; name: string; timezone: string }[] {
      const viaRole = db
        .select({ id: roleGrants.bodyId })
        .from(roleGrants)
        .where(and(eq(roleGrants.personId, personId), isNull(roleGrants.revokedAt)))
        .all();
      const viaLiaison = db
        .select({ id: liaisonAssignments.bodyId })
        .from(liaisonAssignments)
        .where(and(eq(liaisonAssignments.personId, personId), isNull(liaisonAssignments.toAt)))
        .all();
      const viaAttendance = db
        .select({ id: meetings.bodyId })
        .from(attendance)
        .innerJoin(meetings, eq(meetings.id, attendance.meetingId))
        .where(eq(attendance.personId, personId))
        .all();
      const ids = [
        ...new Set(
          [...viaRole, ...viaLiaison, ...viaAttendance]
            .map((r) => r.id)
            .filter((id): id is number => id !== null),
        ),
      ];
      if (!ids.length) return [];
      return db
        .select({ id: bodies.id, name: bodies.name, timezone: bodies.timezone })
        .from(bodies)
        .where(and(inArray(bodies.id, ids), eq(bodies.active, true)))
        .orderBy(asc(bodies.name))
        .all();
    },

    /** Planned sittings of several bodies in [from, to], soonest first. */
    upcomingOfBodies: (bodyIds: number[], from: number, to: number): OccurrenceRow[] =>
      bodyIds.length
        ? db
            .select()
            .from(meetings)
            .where(
              and(
                inArray(meetings.bodyId, bodyIds),
                eq(meetings.status, 'planned'),
                gte(meetings.scheduledAt, from),
                lte(meetings.scheduledAt, to),
              ),
            )
            .orderBy(asc(meetings.scheduledAt), asc(meetings.id))
            .all()
        : [],
  };
}

export type MeetingRepo = ReturnType<typeof createMeetingRepo>;

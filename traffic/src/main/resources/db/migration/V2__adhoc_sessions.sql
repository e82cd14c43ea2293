-- Ad-hoc sessions: a make-up lesson or a consultation that is not in RUZ. The teacher types the discipline; there is no
-- RUZ lesson to keep, so "lesson" is required only of timetable sessions.
alter table attendance_sessions
    add column kind text not null default 'timetable' check (kind in ('timetable', 'adhoc')),
    alter column lesson drop not null,
    add constraint attendance_sessions_lesson_of_timetable check (kind = 'adhoc' or lesson is not null);

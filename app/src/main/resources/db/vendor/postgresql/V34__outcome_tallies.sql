-- The outcome figures kept up to date as cases move (OutcomeFigures reads them; the conditions there
-- stay the definition, and the click-through lists). Every change to a case or to a completed
-- reunification/placement step appends what it adds and takes away to outcome_tally_change, in the
-- writer's own transaction (no row a second writer waits for); OutcomeTallies folds those changes into
-- outcome_tally every few seconds, and a read adds the changes not yet folded, so a figure is never
-- behind the cases.
--
-- A case counts towards a measure on a day (in the display time zone, outcome_tally_zone): reported
-- (MISSING) or registered (FOUND), located, reported missing again, stopped being missing
-- (MISSING_ENDED, for "still missing at the end of a period" = reported before it - stopped before it),
-- and each day a step was completed (REUNITED, PLACED_IN_CARE). outcome_tally keeps a count for each
-- day (span D) and each month (span M) and key (county, sub-county, sex, age band). A case that
-- completed the same step on several days counts once a period: each pair of its consecutive days is
-- kept too (span P) and taken away when a period holds both days.
create table outcome_tally_zone (zone varchar(64) not null);
insert into outcome_tally_zone (zone) values ('${displayZone}');

create table outcome_tally_change (
  id bigint generated always as identity primary key,
  measure varchar(16) not null,
  first_day date not null,
  last_day date not null,
  county_code varchar(3) not null,
  sub_county varchar(80) not null,
  child_sex varchar(8) not null,
  age_band varchar(8) not null,
  delta integer not null);
create index outcome_tally_change_day on outcome_tally_change (measure, first_day);

create table outcome_tally (
  measure varchar(16) not null,
  span char(1) not null,
  first_day date not null,
  last_day date not null,
  county_code varchar(3) not null,
  sub_county varchar(80) not null,
  child_sex varchar(8) not null,
  age_band varchar(8) not null,
  cases bigint not null,
  primary key (measure, span, first_day, last_day, county_code, sub_county, child_sex, age_band));
create index outcome_tally_county on outcome_tally (county_code, measure, span, first_day);
create index outcome_tally_empty on outcome_tally (measure) where cases = 0;

-- What one case counts towards: (measure, first day, last day, key), one row each. Its completed
-- reunification and placement steps are read from the timeline, or given (step_elements, step_ats: what
-- they were before a statement changed them).
create function outcome_tally_rows(c child_case, step_elements varchar[], step_ats timestamptz[])
returns table (measure varchar, first_day date, last_day date, county_code varchar, sub_county varchar, child_sex varchar,
  age_band varchar)
language plpgsql stable as $$
#variable_conflict use_column
begin
  return query
  with zone as (select zone from outcome_tally_zone),
  key as (select c.county_code, coalesce(c.sub_county, 'not recorded')::varchar sub_county, c.child_sex,
      (case when c.child_age is null then 'unknown' when c.child_age <= 5 then '0-5' when c.child_age <= 11 then '6-11'
            when c.child_age <= 14 then '12-14' else '15-17' end)::varchar age_band),
  dated as (
    select v.measure::varchar measure, (v.at at time zone (select zone from zone))::date as on_day
    from (values
        ('REPORTED', case when c.case_type = 'MISSING' then c.reported_at end),
        ('FOUND', case when c.case_type = 'FOUND' then c.reported_at end),
        ('LOCATED', case when c.case_type = 'MISSING' then c.located_at end),
        ('MISSING_AGAIN', case when c.case_type = 'MISSING' and c.previous_case_id is not null then c.reported_at end),
        -- (never before the report: a child recorded as located before the report was made was never
        -- counted as missing, and stops counting on the day it started)
        ('MISSING_ENDED', case when c.case_type = 'MISSING' and c.missing_until is not null
          then greatest(c.missing_until, c.reported_at) end)) v(measure, at)
    where v.at is not null),
  steps as (
    select distinct (case s.element_id when 'Task_RecordReunification' then 'REUNITED' else 'PLACED_IN_CARE' end)::varchar measure,
      (s.occurred_at at time zone (select zone from zone))::date as on_day
    from (select e.element_id, e.occurred_at from case_event e
          where step_elements is null and e.case_id = c.id and e.kind = 'STEP_COMPLETED'
            and e.element_id in ('Task_RecordReunification', 'Task_RecordPlacement')
          union all
          select u.element_id, u.occurred_at from unnest(step_elements, step_ats) u(element_id, occurred_at)) s),
  paired as (select s.measure, s.on_day, lead(s.on_day) over (partition by s.measure order by s.on_day) as next_day from steps s),
  counted as (
    select d.measure, d.on_day first_day, d.on_day last_day from dated d
    union all select p.measure, p.on_day, p.on_day from paired p
    union all select p.measure, p.on_day, p.next_day from paired p where p.next_day is not null)
  select counted.measure, counted.first_day, counted.last_day, key.county_code, key.sub_county, key.child_sex, key.age_band
  from counted cross join key;
end $$;

-- Appends the difference between what a case counted before and after a change. (PL/pgSQL, not SQL:
-- its plans are kept for the session instead of made again on every call.)
create function outcome_tally_difference(before child_case, before_elements varchar[], before_ats timestamptz[], after child_case)
returns void language plpgsql as $$
begin
  if before.id is null then
    insert into outcome_tally_change (measure, first_day, last_day, county_code, sub_county, child_sex, age_band, delta)
    select r.*, 1 from outcome_tally_rows(after, null, null) r;
  elsif after.id is null then
    insert into outcome_tally_change (measure, first_day, last_day, county_code, sub_county, child_sex, age_band, delta)
    select r.*, -1 from outcome_tally_rows(before, before_elements, before_ats) r;
  else
    insert into outcome_tally_change (measure, first_day, last_day, county_code, sub_county, child_sex, age_band, delta)
    with was as (select * from outcome_tally_rows(before, before_elements, before_ats)),
      became as (select * from outcome_tally_rows(after, null, null))
    select d.*, 1 from (select * from became except all select * from was) d
    union all
    select d.*, -1 from (select * from was except all select * from became) d;
  end if;
end $$;

create function outcome_tally_case_changed() returns trigger language plpgsql as $$
begin
  if tg_op = 'INSERT' then
    perform outcome_tally_difference(null, null, null, new);
  elsif tg_op = 'DELETE' then
    perform outcome_tally_difference(old, null, null, null);
  else
    perform outcome_tally_difference(old, null, null, new);
  end if;
  return null;
end $$;

create trigger outcome_tally_case_added after insert or delete on child_case
  for each row execute function outcome_tally_case_changed();
create trigger outcome_tally_case_moved after update on child_case
  for each row when (old.case_type is distinct from new.case_type or old.county_code is distinct from new.county_code
    or old.sub_county is distinct from new.sub_county or old.child_sex is distinct from new.child_sex
    or old.child_age is distinct from new.child_age or old.reported_at is distinct from new.reported_at
    or old.located_at is distinct from new.located_at or old.closed_at is distinct from new.closed_at
    or old.previous_case_id is distinct from new.previous_case_id)
  execute function outcome_tally_case_changed();

-- A statement added, changed or removed timeline entries: for each case with a completed reunification
-- or placement step among them, its steps before the statement (the entries it wrote left out, those it
-- changed or removed put back as they were) against its steps now. Statement triggers, as a row trigger
-- would see the whole statement's changes already and miscount a case whose entries it changed together.
create function outcome_tally_steps_changed(written bigint[], was_case uuid[], was_element varchar[], was_at timestamptz[],
  was_kind varchar[])
returns void language plpgsql as $$
declare
  c child_case;
  elements varchar[];
  ats timestamptz[];
begin
  for c in select * from child_case where id in (
      select w.case_id from unnest(was_case, was_element, was_kind) w(case_id, element_id, kind)
      where w.kind = 'STEP_COMPLETED' and w.element_id in ('Task_RecordReunification', 'Task_RecordPlacement')
      union select e.case_id from case_event e where e.id = any(written)
        and e.kind = 'STEP_COMPLETED' and e.element_id in ('Task_RecordReunification', 'Task_RecordPlacement'))
      order by id for share loop
    -- (shared lock: a correction of the case in another transaction moves the steps to its new key
    -- either before, and then this sees the corrected case, or after, and then it sees these steps)
    select coalesce(array_agg(s.element_id), '{}'), coalesce(array_agg(s.occurred_at), '{}') into elements, ats from (
      select e.element_id, e.occurred_at from case_event e
      where e.case_id = c.id and e.kind = 'STEP_COMPLETED' and e.element_id in ('Task_RecordReunification', 'Task_RecordPlacement')
        and not (e.id = any(written))
      union all
      select w.element_id, w.occurred_at from unnest(was_case, was_element, was_at, was_kind) w(case_id, element_id, occurred_at, kind)
      where w.case_id = c.id and w.kind = 'STEP_COMPLETED' and w.element_id in ('Task_RecordReunification', 'Task_RecordPlacement')) s;
    perform outcome_tally_difference(c, elements, ats, c);
  end loop;
end $$;

create function outcome_tally_steps_added() returns trigger language plpgsql as $$
begin
  if exists (select 1 from now_steps where kind = 'STEP_COMPLETED'
             and element_id in ('Task_RecordReunification', 'Task_RecordPlacement')) then
    perform outcome_tally_steps_changed((select array_agg(id) from now_steps), '{}', '{}', '{}', '{}');
  end if;
  return null;
end $$;
create function outcome_tally_steps_removed() returns trigger language plpgsql as $$
begin
  if exists (select 1 from was_steps where kind = 'STEP_COMPLETED'
             and element_id in ('Task_RecordReunification', 'Task_RecordPlacement')) then
    perform outcome_tally_steps_changed('{}', w.cases, w.elements, w.ats, w.kinds)
    from (select array_agg(case_id) cases, array_agg(element_id) elements, array_agg(occurred_at) ats, array_agg(kind) kinds
          from was_steps) w;
  end if;
  return null;
end $$;
create function outcome_tally_steps_moved() returns trigger language plpgsql as $$
begin
  if exists (select 1 from was_steps w join now_steps n on n.id = w.id
             where (w.case_id, w.kind, w.element_id, w.occurred_at) is distinct from (n.case_id, n.kind, n.element_id, n.occurred_at)
               and ((w.kind = 'STEP_COMPLETED' and w.element_id in ('Task_RecordReunification', 'Task_RecordPlacement'))
                 or (n.kind = 'STEP_COMPLETED' and n.element_id in ('Task_RecordReunification', 'Task_RecordPlacement')))) then
    perform outcome_tally_steps_changed((select array_agg(id) from now_steps), w.cases, w.elements, w.ats, w.kinds)
    from (select array_agg(case_id) cases, array_agg(element_id) elements, array_agg(occurred_at) ats, array_agg(kind) kinds
          from was_steps) w;
  end if;
  return null;
end $$;

create trigger outcome_tally_steps_added after insert on case_event referencing new table as now_steps
  for each statement execute function outcome_tally_steps_added();
create trigger outcome_tally_steps_removed after delete on case_event referencing old table as was_steps
  for each statement execute function outcome_tally_steps_removed();
create trigger outcome_tally_steps_moved after update on case_event referencing old table as was_steps new table as now_steps
  for each statement execute function outcome_tally_steps_moved();

-- Emptying the cases (test and benchmark data) empties their tallies.
create function outcome_tally_emptied() returns trigger language plpgsql as $$
begin
  truncate outcome_tally_change, outcome_tally;
  return null;
end $$;
create trigger outcome_tally_cases_emptied after truncate on child_case
  for each statement execute function outcome_tally_emptied();
-- (the timeline alone emptied: every case counted again)
create function outcome_tally_timeline_emptied() returns trigger language plpgsql as $$
begin
  perform outcome_tally_rebuild((select zone from outcome_tally_zone));
  return null;
end $$;

-- Folds up to `batch` changes, oldest first, into the day, month and pair counts; returns how many.
-- Concurrent folds take disjoint changes (a change another fold deleted is skipped).
create function outcome_tally_fold(batch integer) returns integer language sql as $$
  with moved as (
    delete from outcome_tally_change where id in (select id from outcome_tally_change order by id limit batch) returning *),
  days as (
    insert into outcome_tally as t (measure, span, first_day, last_day, county_code, sub_county, child_sex, age_band, cases)
    select measure, 'D', first_day, last_day, county_code, sub_county, child_sex, age_band, sum(delta) from moved
    where first_day = last_day group by measure, first_day, last_day, county_code, sub_county, child_sex, age_band
    on conflict (measure, span, first_day, last_day, county_code, sub_county, child_sex, age_band)
    do update set cases = t.cases + excluded.cases returning 1),
  months as (
    insert into outcome_tally as t (measure, span, first_day, last_day, county_code, sub_county, child_sex, age_band, cases)
    select measure, 'M', date_trunc('month', first_day)::date, date_trunc('month', first_day)::date, county_code, sub_county,
      child_sex, age_band, sum(delta) from moved
    where first_day = last_day group by measure, date_trunc('month', first_day)::date, county_code, sub_county, child_sex, age_band
    on conflict (measure, span, first_day, last_day, county_code, sub_county, child_sex, age_band)
    do update set cases = t.cases + excluded.cases returning 1),
  pairs as (
    insert into outcome_tally as t (measure, span, first_day, last_day, county_code, sub_county, child_sex, age_band, cases)
    select measure, 'P', first_day, last_day, county_code, sub_county, child_sex, age_band, sum(delta) from moved
    where first_day < last_day group by measure, first_day, last_day, county_code, sub_county, child_sex, age_band
    on conflict (measure, span, first_day, last_day, county_code, sub_county, child_sex, age_band)
    do update set cases = t.cases + excluded.cases returning 1)
  select count(*)::integer from moved
$$;

-- Counts every case and step again (in the given zone), with no case changing meanwhile.
create function outcome_tally_rebuild(new_zone varchar) returns void language plpgsql as $$
begin
  lock table child_case, case_event in share mode;
  truncate outcome_tally_change, outcome_tally;
  update outcome_tally_zone set zone = new_zone;
  drop table if exists outcome_tally_counted;
  create temporary table outcome_tally_counted on commit drop as
    select r.* from child_case c cross join lateral outcome_tally_rows(c, null, null) r;
  insert into outcome_tally (measure, span, first_day, last_day, county_code, sub_county, child_sex, age_band, cases)
  select measure, 'D', first_day, last_day, county_code, sub_county, child_sex, age_band, count(*) from outcome_tally_counted
  where first_day = last_day group by measure, first_day, last_day, county_code, sub_county, child_sex, age_band;
  insert into outcome_tally (measure, span, first_day, last_day, county_code, sub_county, child_sex, age_band, cases)
  select measure, 'M', date_trunc('month', first_day)::date, date_trunc('month', first_day)::date, county_code, sub_county,
    child_sex, age_band, count(*) from outcome_tally_counted
  where first_day = last_day group by measure, date_trunc('month', first_day)::date, county_code, sub_county, child_sex, age_band;
  insert into outcome_tally (measure, span, first_day, last_day, county_code, sub_county, child_sex, age_band, cases)
  select measure, 'P', first_day, last_day, county_code, sub_county, child_sex, age_band, count(*) from outcome_tally_counted
  where first_day < last_day group by measure, first_day, last_day, county_code, sub_county, child_sex, age_band;
  drop table outcome_tally_counted;
end $$;

create trigger outcome_tally_timeline_emptied after truncate on case_event
  for each statement execute function outcome_tally_timeline_emptied();

select outcome_tally_rebuild('${displayZone}');

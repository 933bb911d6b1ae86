-- When a missing child stopped being missing: located, or the case closed, whichever came first (null
-- while missing). "Still missing at the end of a period" then reads the children missing now and those
-- found since, by index, instead of every missing report ever made.
alter table child_case add column missing_until timestamp with time zone generated always as (
  case when located_at is null then closed_at when closed_at is null then located_at
       when located_at < closed_at then located_at else closed_at end) stored;
create index child_case_missing_until on child_case (missing_until, county_code) where case_type = 'MISSING';
create index child_case_still_missing on child_case (county_code, reported_at) where case_type = 'MISSING' and missing_until is null;

-- When a missing child stopped being missing: located, or the case closed, whichever came first (null
-- while missing); PostgreSQL indexes it for "still missing at the end of a period".
alter table child_case add column missing_until timestamp with time zone generated always as (
  case when located_at is null then closed_at when closed_at is null then located_at
       when located_at < closed_at then located_at else closed_at end);
create index child_case_missing_until on child_case (case_type, missing_until);

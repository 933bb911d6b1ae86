-- The duplicate check of a new report compares lower-cased first names: without an index it read every
-- open report of the county for each new one (a pilot's county with thousands of open reports: the
-- registering job's time grew with them). H2 has no index on an expression, so the lower-cased name is a
-- column of its own, computed by the database, and indexed (PostgreSQL the same, V35 there).
alter table child_case add column child_first_name_lower varchar(80) generated always as (lower(child_first_name));
create index child_case_same_child on child_case (county_code, child_first_name_lower);

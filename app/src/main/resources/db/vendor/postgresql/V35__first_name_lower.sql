-- The duplicate check of a new report compares lower-cased first names. The lower-cased name is now a
-- column of its own, computed by the database, so that H2 (the default for trials and pilots, which has
-- no index on an expression) can index it as PostgreSQL indexed the expression (V28): one check for both.
alter table child_case add column child_first_name_lower varchar(80) generated always as (lower(child_first_name)) stored;
drop index child_case_same_child;
create index child_case_same_child on child_case (county_code, child_first_name_lower) where case_type = 'MISSING';

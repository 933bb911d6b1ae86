-- A published alert is withdrawn when the child is located or the report withdrawn (issue 11).
-- withdrawn_by names the engine job that withdrew it, so a retried job answers with the same channels.
alter table alert add column withdrawn_at timestamp with time zone;
alter table alert add column withdrawn_by varchar(60);
create index alert_case on alert (case_id);
-- A report withdrawn (made in error, or the child was never missing): the case goes on to closure.
alter table child_case add column withdrawn_at timestamp with time zone;
-- An earlier episode proposed by the matcher's evidence, until the caseworker confirms it (then previous_case_id).
alter table child_case add column proposed_previous_case_id uuid;

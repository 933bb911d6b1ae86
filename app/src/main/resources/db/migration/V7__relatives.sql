-- Names of parents and relatives as the reporter (missing) or the child (found) gives them: used by matching.
alter table child_case add column relatives varchar(400);

-- National outcome figures (no county to narrow by): reports and locations of a period by index.
create index child_case_type_reported on child_case (case_type, reported_at);
create index child_case_type_located on child_case (case_type, located_at);

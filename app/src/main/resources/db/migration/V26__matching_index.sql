-- Matching compares a new record with the open records of the other kind that could match at all (sex,
-- age band, time window): this index finds them instead of a scan of every open record.
create index child_case_matching on child_case (case_type, status, child_sex, child_age, last_seen_at);

-- A new report's possible duplicates (open reports of the county with the same first name, any case):
-- found by the name, not by reading every open report of the county. (H2, the demo database, has no
-- index on an expression; its few cases need none.)
create index child_case_same_child on child_case (county_code, lower(child_first_name)) where case_type = 'MISSING';

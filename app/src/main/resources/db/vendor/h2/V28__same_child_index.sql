-- PostgreSQL indexes the lower-cased first name for the duplicate check; H2 (the demo database) has no
-- index on an expression and its few cases need none.
select 1;

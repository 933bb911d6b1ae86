-- A timeline entry knows its case's county: a county's reunifications and placements of a period are
-- read by index, not by matching every case of the county against every such entry in the country.
alter table case_event add column county_code varchar(3);
update case_event set county_code = (select c.county_code from child_case c where c.id = case_event.case_id);
create index case_event_step_county on case_event (element_id, county_code, occurred_at);

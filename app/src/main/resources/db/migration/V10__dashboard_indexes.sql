-- Dashboards and reports: the figures are counts over a county and a period, the process view counts
-- open tasks per step. These indexes serve exactly those conditions (see the benchmark in deploy/).
create index child_case_reported on child_case (county_code, case_type, reported_at);
create index child_case_located on child_case (county_code, located_at);
create index case_event_step on case_event (element_id, occurred_at);
create index user_task_step on user_task (state, bpmn_process_id, county_code, element_id);
create index user_task_assignee on user_task (state, assignee);

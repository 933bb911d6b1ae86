-- A case's tasks (the case page, the stuck-case check of every open case, the reconciler without a
-- mirror) and the case whose process an incident names: by index, not by reading every task or case.
create index user_task_case on user_task (case_id, state);
create index child_case_process on child_case (process_instance_key);

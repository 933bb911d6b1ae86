-- Reconciling costs what changes, not what exists.
-- A task row knows the engine element it stands for: when the engine log says that element was
-- terminated (a boundary timer or message, a cancelled process), the task leaves the list at once.
alter table user_task add column element_instance_key bigint;
create index user_task_element on user_task (element_instance_key);
-- Job locks are long and renewed only when near their end: the renewal picks the next to expire.
create index user_task_lock on user_task (engine_id, state, lock_expires_at);

-- An active step knows the job the engine created for it: a user-task job activated but never stored
-- as a task (the app stopped in between, a lost response) is found here and handed out again.
alter table engine_element add column job_key bigint;
create index engine_element_job on engine_element (job_key);

-- Open tasks stored before this version: their element, where the engine's mirror names exactly one.
update user_task set element_instance_key = (
    select min(e.element_instance_key) from engine_element e
    where e.process_instance_key = user_task.process_instance_key and e.element_id = user_task.element_id
      and e.element_type = 'USER_TASK')
  where state = 'OPEN' and (
    select count(*) from engine_element e
    where e.process_instance_key = user_task.process_instance_key and e.element_id = user_task.element_id
      and e.element_type = 'USER_TASK') = 1;

-- When the supervisors were told that an open task passed its due date (once per task).
alter table user_task add column overdue_notified_at timestamp with time zone;
create index user_task_due on user_task (state, due_at);

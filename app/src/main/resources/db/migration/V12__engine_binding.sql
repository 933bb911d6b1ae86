-- The engine this database belongs to (one row). Job keys, process instance keys and every task row are
-- meaningful only in the history of that engine: an app that finds another or an empty engine must not act.
create table engine_binding (
  id smallint default 1 primary key check (id = 1),
  engine_id varchar(36) not null,
  -- false until the engine holds the same id (a crash between the two steps is finished at next start)
  confirmed boolean not null,
  bound_at timestamp with time zone not null
);

-- The engine each task's job came from; null for tasks stored before engines were recorded.
alter table user_task add column engine_id varchar(36);
create index user_task_engine_open on user_task (engine_id, state);

-- What the in-process engine's record log says about incidents and the steps processes are at, kept in
-- the database by the app's mirror (as Zeebe's exporters feed Operate): the admin's list of incidents and
-- stuck cases, and the supervisor's count of them. Filled only by the app whose engine this database is.

-- How far the mirror has read the engine's log (one row); the engine keeps its log from there on.
create table engine_mirror (
  id smallint default 1 primary key check (id = 1),
  log_position bigint not null,
  -- false when it started on an engine whose early log was already gone (steps begun before are unknown)
  complete boolean not null,
  updated_at timestamp with time zone not null
);

create table engine_incident (
  incident_key bigint primary key,
  process_instance_key bigint not null,
  root_instance_key bigint not null,
  bpmn_process_id varchar(100) not null,
  element_id varchar(100) not null,
  element_instance_key bigint not null,
  job_key bigint not null,
  error_type varchar(60) not null,
  error_message varchar(2000) not null,
  created_at timestamp with time zone not null,
  resolved_at timestamp with time zone
);
create index engine_incident_open on engine_incident (resolved_at, root_instance_key);

-- Element instances the engine has active (activating, active or completing): a process that has none
-- of its steps here waits for nothing.
create table engine_element (
  element_instance_key bigint primary key,
  process_instance_key bigint not null,
  root_instance_key bigint not null,
  bpmn_process_id varchar(100) not null,
  element_id varchar(100) not null,
  element_type varchar(40) not null,
  activated_at timestamp with time zone not null
);
create index engine_element_root on engine_element (root_instance_key);

-- A retried incident: the incident's key (and, in the command's parameters, its job and retries).
alter table engine_command add column target_key bigint;

-- The case each process instance started by a message works for (the case's own process, a
-- trafficking referral): incidents are shown with their case.
create table engine_root (
  root_instance_key bigint primary key,
  case_id uuid not null,
  bpmn_process_id varchar(100) not null,
  started_at timestamp with time zone not null
);
create index engine_root_case on engine_root (case_id);

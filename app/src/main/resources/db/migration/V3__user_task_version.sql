-- Optimistic locking: a claim, a completion and the reconciler never overwrite each other's change.
alter table user_task add column version bigint not null default 0;

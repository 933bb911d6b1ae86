-- The audit trail a regulator accepts: longer details, and a hash chain. Each row is sealed (after it
-- committed, by the app's sealer, in one order for all) with its place in the chain and a SHA-256 over
-- the previous row's hash and its own fields: a row changed or removed afterwards breaks the chain.
-- Rows cannot be changed or deleted at all (the append-only trigger of the next migration).
alter table audit_log alter column detail set data type varchar(1000);
alter table audit_log add column seq bigint;
alter table audit_log add column hash varchar(64);
create unique index audit_log_seq on audit_log (seq);
create index audit_log_user on audit_log (username, occurred_at);

create table audit_chain (
  id smallint default 1 primary key check (id = 1),
  last_seq bigint not null,
  last_hash varchar(64) not null
);
insert into audit_chain (id, last_seq, last_hash) values (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

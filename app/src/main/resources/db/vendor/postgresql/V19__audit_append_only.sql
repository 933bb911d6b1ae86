-- The audit trail is append-only for the app's database user: no row is deleted, and a row changes only
-- once, when the sealer gives it its place in the chain and its hash.
create function audit_log_append_only() returns trigger language plpgsql as $$
begin
  if tg_op = 'DELETE' then
    raise exception 'audit_log is append-only: rows cannot be deleted';
  end if;
  if old.hash is not null or new.hash is null or new.seq is null
      or new.id <> old.id or new.occurred_at <> old.occurred_at or new.username <> old.username
      or new.action <> old.action or new.case_id is distinct from old.case_id or new.detail <> old.detail then
    raise exception 'audit_log is append-only: a row is only sealed, never changed';
  end if;
  return new;
end;
$$;
create trigger audit_log_append_only before update or delete on audit_log
  for each row execute function audit_log_append_only();
create function audit_log_no_truncate() returns trigger language plpgsql as $$
begin
  raise exception 'audit_log is append-only: it cannot be truncated';
end;
$$;
create trigger audit_log_no_truncate before truncate on audit_log
  for each statement execute function audit_log_no_truncate();

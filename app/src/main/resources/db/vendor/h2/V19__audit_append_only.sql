-- The audit trail is append-only (see the PostgreSQL migration of the same version): the same rule as a
-- Java trigger, H2's way.
create trigger audit_log_append_only before update, delete on audit_log for each row
  call 'ke.childprotection.audit.AppendOnlyTrigger';

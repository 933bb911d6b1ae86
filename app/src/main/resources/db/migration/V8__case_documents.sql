-- Photos and documents of a child's case. The content stays in the database with the case (one backup,
-- one access gate); ids are random UUIDs and are served only through the case's access check.
create table case_document (
  id uuid primary key,
  case_id uuid not null references child_case (id),
  kind varchar(40) not null,
  file_name varchar(120) not null,
  content_type varchar(100) not null,
  size_bytes bigint not null,
  sha256 varchar(64) not null,
  content bytea not null,
  uploaded_by varchar(64) not null,
  uploaded_at timestamp with time zone not null
);
create index case_document_case on case_document (case_id, kind, uploaded_at);

-- A correction's audit entry carries its reason (up to 300 characters) and the fields it changed.
alter table audit_log alter column detail set data type varchar(1000);

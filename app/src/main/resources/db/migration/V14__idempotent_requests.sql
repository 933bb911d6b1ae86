-- Requests sent with an Idempotency-Key header: the first answer, returned again for a repeat (a client
-- that retries after a lost answer gets the same case, never a second one). Written in the request's
-- own transaction, so a request that failed leaves no row and can be retried with the same key.
create table idempotent_request (
  username varchar(64) not null,
  idempotency_key varchar(200) not null,
  endpoint varchar(100) not null,
  request_hash varchar(64) not null,
  status int,
  location varchar(300),
  body varchar(200000),
  created_at timestamp with time zone not null,
  primary key (username, idempotency_key)
);
create index idempotent_request_created on idempotent_request (created_at);

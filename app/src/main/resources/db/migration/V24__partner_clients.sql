-- Partner systems that report through the API (the 116 helpline, police, partner organisations): each
-- with its own key, what it may do (scopes), where (a county, or nationwide) and how often.
create table partner_client (
  -- short and readable: it names the partner in case timelines and the audit trail (partner:<id>)
  id varchar(40) primary key,
  name varchar(120) not null,
  kind varchar(20) not null,
  -- null: nationwide (the 116 helpline); otherwise the one county it may report in
  county_code varchar(3) references county (code),
  -- space-separated, as OAuth2 scopes: report:missing report:found report:status
  scopes varchar(200) not null,
  -- SHA-256 of the key's secret part; the key itself is shown once, when issued, and kept nowhere
  secret_hash varchar(64) not null,
  requests_per_minute integer not null,
  created_at timestamp with time zone not null,
  created_by varchar(100) not null,
  revoked_at timestamp with time zone,
  revoked_by varchar(100),
  last_used_at timestamp with time zone
);

-- Requests per partner per minute, counted in the database so that every app instance keeps one limit.
create table partner_rate (
  client_id varchar(40) not null references partner_client (id),
  window_start timestamp with time zone not null,
  used integer not null,
  primary key (client_id, window_start)
);

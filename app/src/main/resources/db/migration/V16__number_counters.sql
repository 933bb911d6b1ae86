-- Case and referral numbers from counters updated in the registering transaction: a number is never
-- used twice, and none is skipped (a sequence skips the values it had cached or logged ahead when the
-- database or the app is killed, and those a failed report drew).
create table number_counter (
  name varchar(40) primary key,
  last_value bigint not null
);
-- MC-047-2026-000123: the number starts at the 13th character; TIP-2026-000012 at the 10th.
insert into number_counter (name, last_value)
  select 'case', coalesce(max(cast(substring(case_number, 13) as bigint)), 0) from child_case;
insert into number_counter (name, last_value)
  select 'trafficking-referral', coalesce(max(cast(substring(referral_number, 10) as bigint)), 0) from trafficking_referral;
drop sequence case_number_seq;
drop sequence trafficking_referral_seq;

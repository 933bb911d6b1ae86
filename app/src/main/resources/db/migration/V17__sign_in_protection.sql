-- Sign-in protection: wrong passwords in a row per account, and a lock until a time (lifted earlier
-- by an administrator, or the county's supervisor for county staff).
alter table app_user add column failed_sign_ins int not null default 0;
alter table app_user add column locked_until timestamp with time zone;

-- The language each user chose for the pages and their messages (en, sw); none: the browser's.
alter table app_user add column language varchar(8);

-- A child reported missing again: the earlier episode's case.
alter table child_case add column previous_case_id uuid references child_case (id);

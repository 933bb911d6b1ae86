-- The risk level the risk assessment decided (processes/risk-assessment.dmn), kept with the case.
alter table child_case add column risk_level varchar(8);
create index child_case_caseworker_risk on child_case (caseworker, status, risk_level);

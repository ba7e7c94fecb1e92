-- A run of a stage clock keeps its own policy and deadlines, so the process instance does not have to carry
-- them as variables (about twenty rows per lead in ACT_RU_VARIABLE and ACT_HI_VARINST). Runs started before
-- this version leave them empty: their instances still carry the variables and keep reading them.
ALTER TABLE sla_clock ADD COLUMN warning_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE sla_clock ADD COLUMN breach_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE sla_clock ADD COLUMN executive_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE sla_clock ADD COLUMN expires_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE sla_clock ADD COLUMN extended BOOLEAN DEFAULT FALSE NOT NULL;
-- reassignments in this stage so far, this run's included (the policy's maxReassignments counts them)
ALTER TABLE sla_clock ADD COLUMN reassignments INTEGER DEFAULT 0 NOT NULL;
-- the LeadSlaPolicy row of the stage as decided when the stage first started, e.g.
-- "sla=PT5M warnBefore=PT2M managerDelay=PT10M executiveDelay=PT30M expireAfter=PT1H expiryAction=REASSIGN maxReassignments=1 clock=24x7"
ALTER TABLE sla_clock ADD COLUMN policy VARCHAR(400);

-- The lead's tier for this cycle (LeadSlaPolicy's answer) is a fact of the cycle, like its source: the mails
-- and the nurture hand-over read it here instead of from a process variable of every instance.
ALTER TABLE lead_cycle ADD COLUMN tier VARCHAR(20);

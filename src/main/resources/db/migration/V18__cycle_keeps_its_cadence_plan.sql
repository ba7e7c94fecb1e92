-- The cadence the policy planned for the cycle (touches within days), kept with the cycle instead of two process
-- variables of every lead: only a lead without a live conversation on its first touch starts a cadence.
ALTER TABLE lead_cycle ADD COLUMN cadence_touches INT;
ALTER TABLE lead_cycle ADD COLUMN cadence_days INT;

-- The dashboard at 100,000s of cycles: what the cadence and breach reports need is kept on the rows as it happens
-- (see lead.CadenceLog and sla.SlaClockLog), so each report reads one table by one time range.

-- A cadence's team (the cycle's first team), the touches made within it and when it ended: at the first live
-- conversation after its start, or with the cycle.
ALTER TABLE lead_cadence ADD COLUMN team VARCHAR(64);
ALTER TABLE lead_cadence ADD COLUMN touches INTEGER DEFAULT 0 NOT NULL;
ALTER TABLE lead_cadence ADD COLUMN ended_at TIMESTAMP WITH TIME ZONE;
UPDATE lead_cadence d SET
    team = (SELECT c.team FROM lead_cycle c WHERE c.lead_id = d.lead_id AND c.cycle = d.cycle),
    ended_at = (SELECT MIN(t.touched_at) FROM lead_touch t WHERE t.lead_id = d.lead_id AND t.cycle = d.cycle
            AND t.touched_at >= d.started_at AND t.outcome = 'connected');
UPDATE lead_cadence d SET ended_at = (SELECT c.ended_at FROM lead_cycle c WHERE c.lead_id = d.lead_id
    AND c.cycle = d.cycle) WHERE ended_at IS NULL;
UPDATE lead_cadence d SET touches = (SELECT COUNT(*) FROM lead_touch t WHERE t.lead_id = d.lead_id
    AND t.cycle = d.cycle AND t.touched_at >= d.started_at AND (d.ended_at IS NULL OR t.touched_at <= d.ended_at));
CREATE INDEX idx_lead_cadence_team_started ON lead_cadence (team, started_at);

-- When executives were told that this run of the clock was missed (the second level of a breach).
ALTER TABLE sla_clock ADD COLUMN escalated_at TIMESTAMP WITH TIME ZONE;
UPDATE sla_clock k SET escalated_at = (SELECT MIN(n.created_at) FROM notification n WHERE n.kind = 'ESCALATION'
    AND n.lead_id = k.lead_id AND n.cycle = k.cycle AND n.stage = k.stage AND n.clock_round = k.clock_round);

-- Cycles that ended in a period: dispositions, reasons and re-engagement of nurtured leads (when the lead came
-- back with its next cycle).
ALTER TABLE lead_cycle ADD COLUMN next_cycle_at TIMESTAMP WITH TIME ZONE;
UPDATE lead_cycle c SET next_cycle_at = (SELECT MIN(n.started_at) FROM lead_cycle n WHERE n.lead_id = c.lead_id
    AND n.cycle > c.cycle);
CREATE INDEX idx_lead_cycle_ended ON lead_cycle (ended_at);

-- One rep's cycles over up to a year (the reports' rep filter).
CREATE INDEX idx_lead_cycle_rep_started ON lead_cycle (first_owner, started_at);

-- Indexes no query uses any more, each written on every touch, clock change or mail: running clocks are found by
-- sla_clock.running (V8), escalations by sla_clock.escalated_at, and no report reads touches by time alone.
DROP INDEX idx_sla_clock_open;
DROP INDEX idx_notification_kind;
DROP INDEX idx_lead_touch_at;

-- Each cadence (touches within days after a first touch without a live conversation), for cadence compliance.
CREATE TABLE lead_cadence (
    lead_id          VARCHAR(64)  NOT NULL,
    cycle            INTEGER      NOT NULL,
    started_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    planned_touches  INTEGER      NOT NULL,
    planned_days     INTEGER      NOT NULL,
    PRIMARY KEY (lead_id, cycle)
);
CREATE INDEX idx_lead_cadence_started ON lead_cadence (started_at);

-- What the reports need of each cycle, kept on the cycle as it happens (see lead.CycleFacts), so a report over
-- a month of 100,000s of cycles reads one table by its start time instead of aggregating touches and clocks.
ALTER TABLE lead_cycle ADD COLUMN team VARCHAR(64);
ALTER TABLE lead_cycle ADD COLUMN first_owner VARCHAR(64);
ALTER TABLE lead_cycle ADD COLUMN response_deadline TIMESTAMP WITH TIME ZONE;
ALTER TABLE lead_cycle ADD COLUMN first_attempt_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE lead_cycle ADD COLUMN first_contact_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE lead_cycle ADD COLUMN attempts_to_contact INTEGER;
ALTER TABLE lead_cycle ADD COLUMN qualified_at TIMESTAMP WITH TIME ZONE;
CREATE INDEX idx_lead_cycle_team_started ON lead_cycle (team, started_at);

UPDATE lead_cycle c SET
    team = (SELECT k.owner_group FROM sla_clock k WHERE k.lead_id = c.lead_id AND k.cycle = c.cycle
            AND k.stage = 'response' AND k.clock_round = 1),
    first_owner = (SELECT k.owner FROM sla_clock k WHERE k.lead_id = c.lead_id AND k.cycle = c.cycle
            AND k.stage = 'response' AND k.clock_round = 1),
    response_deadline = (SELECT k.deadline FROM sla_clock k WHERE k.lead_id = c.lead_id AND k.cycle = c.cycle
            AND k.stage = 'response' AND k.clock_round = 1),
    first_attempt_at = (SELECT MIN(t.touched_at) FROM lead_touch t WHERE t.lead_id = c.lead_id AND t.cycle = c.cycle),
    first_contact_at = (SELECT MIN(t.touched_at) FROM lead_touch t WHERE t.lead_id = c.lead_id AND t.cycle = c.cycle
            AND t.outcome = 'connected'),
    qualified_at = (SELECT MIN(k.started_at) FROM sla_clock k WHERE k.lead_id = c.lead_id AND k.cycle = c.cycle
            AND k.stage = 'handoff');
UPDATE lead_cycle c SET attempts_to_contact = (SELECT COUNT(*) FROM lead_touch t WHERE t.lead_id = c.lead_id
    AND t.cycle = c.cycle AND t.touched_at <= c.first_contact_at) WHERE first_contact_at IS NOT NULL;
-- Running clocks as a flag both databases can index for equality (ended_at IS NULL does not order an index
-- scan): a team's running clocks, oldest first, for the morning report; running clocks per stage for the gauges.
ALTER TABLE sla_clock ADD COLUMN running BOOLEAN DEFAULT TRUE NOT NULL;
UPDATE sla_clock SET running = FALSE WHERE ended_at IS NOT NULL;
CREATE INDEX idx_sla_clock_team_running ON sla_clock (owner_group, running, started_at);
CREATE INDEX idx_sla_clock_running ON sla_clock (running, stage, started_at);

-- Running clocks (ended_at IS NULL) for the open-lead gauges and the "black holes" report; deadlines per team for
-- breach and compliance reports; touches in time order for first-touch queries.
CREATE INDEX idx_sla_clock_open ON sla_clock (ended_at, stage, started_at);
CREATE INDEX idx_sla_clock_team_deadline ON sla_clock (owner_group, deadline);
CREATE INDEX idx_lead_touch_time ON lead_touch (lead_id, cycle, touched_at);
CREATE INDEX idx_notification_kind ON notification (kind, created_at);
CREATE INDEX idx_lead_touch_at ON lead_touch (touched_at);

-- Notifications are written in the transaction that decides them (the timer that fires, the start of a stage) and
-- sent after it committed by NotificationSender: the row carries the whole message, when to try it next and, when
-- the automatic attempts are spent, the incident that shows it in Cockpit.
ALTER TABLE notification ADD COLUMN body_text VARCHAR(100000);
ALTER TABLE notification ADD COLUMN body_html VARCHAR(200000);
ALTER TABLE notification ADD COLUMN next_attempt_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE notification ADD COLUMN process_instance_id VARCHAR(64);
ALTER TABLE notification ADD COLUMN incident_id VARCHAR(64);
ALTER TABLE notification ALTER COLUMN claimed_at DROP NOT NULL;
CREATE INDEX idx_notification_due ON notification (status, next_attempt_at);

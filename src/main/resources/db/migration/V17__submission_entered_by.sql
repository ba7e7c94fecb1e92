-- Who entered a lead by hand (the Tasklist start form's user), so that they may see which lead it became and who
-- owns it; null for the other ways in.
ALTER TABLE lead_submission ADD COLUMN entered_by VARCHAR(64);
CREATE INDEX idx_lead_submission_entered_by ON lead_submission (lead_id, entered_by);

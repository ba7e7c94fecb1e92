-- Why a lead got an owner: the stage's first owner (a new lead, the hand-off to an account executive), a
-- reassignment (taken from one owner of the team, given to another), or a claim from the team queue. Only
-- reassignments count as such in the reports; a hand-off used to count as one, because it names the SDR it leaves.
ALTER TABLE lead_assignment ADD COLUMN kind VARCHAR(12) DEFAULT 'reassigned' NOT NULL;
-- rows from before: a stage's first pick always had the reason "New <role> lead for <team>" (with "; nobody in
-- <team> is free: team queue" when it went to the queue), and a claim "Claimed from the team queue"
UPDATE lead_assignment SET kind = 'first' WHERE reason LIKE 'New % lead for %';
UPDATE lead_assignment SET kind = 'claimed' WHERE reason = 'Claimed from the team queue';
CREATE INDEX idx_lead_assignment_kind ON lead_assignment (kind, assigned_at);

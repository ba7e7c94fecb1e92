-- Engagement events from marketing automation (webinar attended, pricing page visit, ...): each adds points to the
-- lead's score; a nurtured lead whose score reaches the nurture policy's threshold starts its next cycle.
CREATE TABLE lead_engagement (
    id           VARCHAR(36)   PRIMARY KEY,
    lead_id      VARCHAR(64)   NOT NULL REFERENCES lead (id),
    points       INTEGER       NOT NULL,
    activity     VARCHAR(100)  NOT NULL,
    occurred_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    recorded_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    score_after  INTEGER       NOT NULL
);
CREATE INDEX idx_lead_engagement_lead ON lead_engagement (lead_id, recorded_at);

-- Idempotency-Keys of engagement requests are stored with their lead id in front.
ALTER TABLE intake_request ALTER COLUMN idempotency_key SET DATA TYPE VARCHAR(300);

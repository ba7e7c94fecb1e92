-- The lead itself: one row per person, found again by the normalized e-mail address.
CREATE TABLE lead (
    id          VARCHAR(64)   PRIMARY KEY,
    email       VARCHAR(254)  NOT NULL,
    name        VARCHAR(200)  NOT NULL,
    company     VARCHAR(200),
    phone       VARCHAR(30),
    region      VARCHAR(40),
    source      VARCHAR(30)   NOT NULL,
    campaign    VARCHAR(100),
    score       INTEGER       NOT NULL,
    consent     BOOLEAN       NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT uq_lead_email UNIQUE (email)
);

-- One row per LeadCycle instance: a lead comes back as cycle 2, 3, ...
CREATE TABLE lead_cycle (
    lead_id             VARCHAR(64)  NOT NULL REFERENCES lead (id),
    cycle               INTEGER      NOT NULL,
    process_instance_id VARCHAR(64)  NOT NULL,
    source              VARCHAR(30)  NOT NULL,
    started_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    ended_at            TIMESTAMP WITH TIME ZONE,
    disposition         VARCHAR(20),
    reason              VARCHAR(1000),
    PRIMARY KEY (lead_id, cycle)
);
CREATE INDEX idx_lead_cycle_open ON lead_cycle (lead_id, ended_at);

-- Idempotency-Key of intake requests: the same key and body get the first answer again.
CREATE TABLE intake_request (
    idempotency_key VARCHAR(200) PRIMARY KEY,
    body_hash       CHAR(64)     NOT NULL,
    status          INTEGER      NOT NULL,
    response        VARCHAR(2000),
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL
);

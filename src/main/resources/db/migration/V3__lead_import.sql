-- CSV imports of event lists: progress and a report row per CSV line, readable from any node.
CREATE TABLE lead_import (
    id              VARCHAR(64)  PRIMARY KEY,
    status          VARCHAR(10)  NOT NULL,
    total_rows      INTEGER      NOT NULL,
    processed_rows  INTEGER      NOT NULL,
    created         INTEGER      NOT NULL,
    reengaged       INTEGER      NOT NULL,
    duplicate       INTEGER      NOT NULL,
    rejected        INTEGER      NOT NULL,
    started_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    finished_at     TIMESTAMP WITH TIME ZONE
);

CREATE TABLE lead_import_row (
    import_id   VARCHAR(64)   NOT NULL REFERENCES lead_import (id),
    line        INTEGER       NOT NULL,
    email       VARCHAR(254),
    outcome     VARCHAR(10)   NOT NULL,
    lead_id     VARCHAR(64),
    reason      VARCHAR(1000),
    PRIMARY KEY (import_id, line)
);

-- New leads are numbered (L-1001, L-1002, ...) so that a person can read, say and search a lead's id, in Cockpit
-- too, where it is the instance's business key. Leads from before keep their ids.
CREATE SEQUENCE lead_number START WITH 1001;

-- What the lead wrote when it asked for this cycle ("call me about pricing"): shown to the rep in the response
-- task's form, read from here rather than from a process variable. Cycles before this version have none stored.
ALTER TABLE lead_cycle ADD COLUMN message VARCHAR(2000);

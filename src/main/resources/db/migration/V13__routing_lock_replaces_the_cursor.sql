-- Weighted routing keeps its rotation in routing_credit (V6); the old round-robin cursor's table is only the
-- row each team's pick locks. It is named for that now, and its unused position is gone.
ALTER TABLE routing_cursor RENAME TO routing_lock;
ALTER TABLE routing_lock DROP COLUMN position;

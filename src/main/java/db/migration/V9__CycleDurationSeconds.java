package db.migration;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Fills lead_cycle's *_seconds columns (V8) for cycles recorded before them. In Java because date arithmetic
 * differs between H2 and PostgreSQL; new cycles get the values as they happen (lead.CycleFacts).
 */
public class V9__CycleDurationSeconds extends BaseJavaMigration {

  @Override
  public void migrate(Context context) throws Exception {
    try (Statement select = context.getConnection().createStatement();
        ResultSet rows = select.executeQuery("SELECT lead_id, cycle, started_at, first_attempt_at, first_contact_at, "
            + "qualified_at FROM lead_cycle WHERE first_attempt_at IS NOT NULL OR qualified_at IS NOT NULL");
        PreparedStatement update = context.getConnection().prepareStatement("UPDATE lead_cycle SET "
            + "first_attempt_seconds = ?, first_contact_seconds = ?, qualify_seconds = ? WHERE lead_id = ? AND cycle = ?")) {
      while (rows.next()) {
        Timestamp started = rows.getTimestamp("started_at");
        update.setObject(1, seconds(started, rows.getTimestamp("first_attempt_at")));
        update.setObject(2, seconds(started, rows.getTimestamp("first_contact_at")));
        update.setObject(3, seconds(started, rows.getTimestamp("qualified_at")));
        update.setString(4, rows.getString("lead_id"));
        update.setInt(5, rows.getInt("cycle"));
        update.addBatch();
      }
      update.executeBatch();
    }
  }

  private static Long seconds(Timestamp from, Timestamp to) {
    return to == null ? null : (to.getTime() - from.getTime()) / 1000;
  }
}

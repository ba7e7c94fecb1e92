package io.leadsla.engine;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.history.HistoryLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The engine keeps history at "audit": process, activity and task instances and the variables' last values,
 * which is what Cockpit, the coverage gate and our reports need. "full" (Camunda's default, and ours before
 * the burst work) also wrote every variable change, every decision row and every job run, about 120 of a lead's 270 INSERTs,
 * which a burst of leads could not afford. The engine refuses to start when its database was set up at another
 * level, so a database written at "full" is moved to the configured level here, before the engine checks it;
 * the rows written at "full" stay.
 */
@Component
class AuditHistory extends AbstractProcessEnginePlugin {

  private static final Logger LOG = LoggerFactory.getLogger(AuditHistory.class);

  private final String configured;

  AuditHistory(@Value("${camunda.bpm.history-level:full}") String configured) {
    this.configured = configured;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    HistoryLevel level = HistoryLevel.HISTORY_LEVEL_AUDIT;
    if (!level.getName().equalsIgnoreCase(configured)) {
      return;
    }
    DataSource dataSource = configuration.getDataSource();
    try (Connection connection = dataSource.getConnection()) {
      if (!hasPropertyTable(connection)) {
        return;   // a new database: the engine sets it up at the configured level
      }
      try (PreparedStatement update = connection.prepareStatement(
          "UPDATE ACT_GE_PROPERTY SET VALUE_ = ? WHERE NAME_ = 'historyLevel' AND VALUE_ = ?")) {
        update.setString(1, Integer.toString(level.getId()));
        update.setString(2, Integer.toString(HistoryLevel.HISTORY_LEVEL_FULL.getId()));
        if (update.executeUpdate() == 1) {
          LOG.info("History level of this database moved from full to {}", level.getName());
        }
      }
      if (!connection.getAutoCommit()) {
        connection.commit();
      }
    } catch (SQLException e) {
      LOG.warn("Could not check the database's history level: {}", e.getMessage());
    }
  }

  private static boolean hasPropertyTable(Connection connection) throws SQLException {
    for (String name : new String[] {"ACT_GE_PROPERTY", "act_ge_property"}) {
      try (ResultSet tables = connection.getMetaData().getTables(null, null, name, null)) {
        if (tables.next()) {
          return true;
        }
      }
    }
    return false;
  }
}

package io.leadsla.engine;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.history.HistoryLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Registers the {@link LeadSlaHistoryLevel} ("lead-sla", the shipped level) beside Camunda's own, and moves the
 * database to the configured level. Nothing reads the engine's copy of variables or of every step (a lead's facts,
 * dispositions, clocks and touches are in our own tables, and the timeline and reports read those), so "audit"
 * and "full" would only cost INSERTs, written for every lead of a burst.
 *
 * <p>The engine refuses to start when its database was set up at another level, so a database written at another
 * level ("full" before the burst work, "audit" before the thin process) is moved to the configured one here,
 * before the engine checks it; the rows written before stay.
 */
@Component
class ConfiguredHistoryLevel extends AbstractProcessEnginePlugin {

  private static final Logger LOG = LoggerFactory.getLogger(ConfiguredHistoryLevel.class);
  private static final HistoryLevel LEAD_SLA = new LeadSlaHistoryLevel();
  private static final List<HistoryLevel> LEVELS = List.of(HistoryLevel.HISTORY_LEVEL_NONE,
      HistoryLevel.HISTORY_LEVEL_ACTIVITY, HistoryLevel.HISTORY_LEVEL_AUDIT, HistoryLevel.HISTORY_LEVEL_FULL, LEAD_SLA);

  private final String configured;

  ConfiguredHistoryLevel(@Value("${camunda.bpm.history-level:" + LeadSlaHistoryLevel.NAME + "}") String configured) {
    this.configured = configured;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    List<HistoryLevel> custom = new ArrayList<>(Optional.ofNullable(configuration.getCustomHistoryLevels())
        .orElse(List.of()));
    custom.add(LEAD_SLA);
    configuration.setCustomHistoryLevels(custom);
    Optional<HistoryLevel> wanted = LEVELS.stream().filter(l -> l.getName().equalsIgnoreCase(configured)).findFirst();
    if (wanted.isEmpty()) {
      return;   // "auto" or a custom level: the engine decides
    }
    DataSource dataSource = configuration.getDataSource();
    try (Connection connection = dataSource.getConnection()) {
      if (!hasPropertyTable(connection)) {
        return;   // a new database: the engine sets it up at the configured level
      }
      try (PreparedStatement update = connection.prepareStatement(
          "UPDATE ACT_GE_PROPERTY SET VALUE_ = ? WHERE NAME_ = 'historyLevel' AND VALUE_ <> ?")) {
        String id = Integer.toString(wanted.get().getId());
        update.setString(1, id);
        update.setString(2, id);
        if (update.executeUpdate() == 1) {
          LOG.info("History level of this database moved to {}", wanted.get().getName());
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

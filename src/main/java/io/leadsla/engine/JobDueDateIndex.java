package io.leadsla.engine;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * With jobExecutorAcquireByDueDate the job executor asks for the earliest due jobs first; without an index on
 * the due date that query scans every job of every open lead. The engine's schema has no such index, and Flyway
 * may run before the engine has created its tables, so it is created here, once the engine is built.
 */
@Component
class JobDueDateIndex extends AbstractProcessEnginePlugin {

  private static final Logger LOG = LoggerFactory.getLogger(JobDueDateIndex.class);
  static final String INDEX = "leadsla_idx_job_duedate";

  private DataSource dataSource;

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    dataSource = configuration.getDataSource();
  }

  @Override
  public void postProcessEngineBuild(ProcessEngine processEngine) {
    try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
      statement.execute("CREATE INDEX IF NOT EXISTS " + INDEX + " ON ACT_RU_JOB (DUEDATE_)");
      if (!connection.getAutoCommit()) {
        connection.commit();
      }
    } catch (SQLException e) {
      // e.g. another cluster node created it at the same moment; the engine runs without it, only slower
      LOG.warn("Could not create index {} on ACT_RU_JOB(DUEDATE_): {}", INDEX, e.getMessage());
    }
  }
}

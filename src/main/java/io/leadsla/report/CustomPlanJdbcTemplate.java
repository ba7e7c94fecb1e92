package io.leadsla.report;

import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.postgresql.PGStatement;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A JdbcTemplate whose statements PostgreSQL plans for their parameters every time. The driver turns a statement
 * run five times into a server-prepared one, and PostgreSQL may then settle on a generic plan that does not know
 * the period: one rep over a year took 850 ms that way instead of 380 ms. The reports run a few big queries, so
 * planning each is cheap; the engine's own statements keep the driver's default.
 */
class CustomPlanJdbcTemplate extends JdbcTemplate {

  CustomPlanJdbcTemplate(DataSource dataSource) {
    super(dataSource);
  }

  @Override
  protected void applyStatementSettings(Statement statement) throws SQLException {
    super.applyStatementSettings(statement);
    if (statement.isWrapperFor(PGStatement.class)) {
      statement.unwrap(PGStatement.class).setPrepareThreshold(0);
    }
  }
}

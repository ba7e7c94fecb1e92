package io.leadsla.report;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.condition.EnabledIf;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The same hand-computed fixture and expected metrics on PostgreSQL, whose report queries differ from H2's (epoch
 * seconds by date_part, statements planned for their parameters). Skipped when no server answers; CI starts one
 * and fails if this class was skipped.
 */
@EnabledIf("freshDatabase")
class CycleMetricsOnPostgresTest extends CycleMetricsTest {

  static final String SERVER = System.getenv().getOrDefault("LEADSLA_TEST_PG_SERVER", "jdbc:postgresql://127.0.0.1:5432/");
  static final String USER = System.getenv().getOrDefault("LEADSLA_TEST_PG_USER", "postgres");
  static final String PASSWORD = System.getenv().getOrDefault("LEADSLA_TEST_PG_PASSWORD", "");
  static final String DATABASE = "leadsla_metrics_it";

  /** A database created fresh for this run, before the application starts on it; false without a server. */
  static boolean freshDatabase() {
    return freshDatabase(DATABASE);
  }

  static boolean freshDatabase(String database) {
    try (Connection connection = DriverManager.getConnection(SERVER + "postgres", USER, PASSWORD);
        Statement statement = connection.createStatement()) {
      statement.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
      statement.execute("CREATE DATABASE " + database);
      return true;
    } catch (SQLException e) {
      return false;
    }
  }

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    registry.add("spring.datasource.url", () -> SERVER + DATABASE);
    registry.add("spring.datasource.username", () -> USER);
    registry.add("spring.datasource.password", () -> PASSWORD);
  }
}

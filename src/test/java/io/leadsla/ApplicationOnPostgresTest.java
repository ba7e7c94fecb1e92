package io.leadsla;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The postgres profile on the local PostgreSQL server, in a database created fresh for this run.
 * Skipped when no server answers; CI starts one and fails if this class was skipped.
 */
// metrics export is off in Spring Boot tests unless asked for: the contract scrapes /actuator/prometheus
@AutoConfigureObservability(tracing = false)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "camunda.bpm.job-execution.enabled=false",
    // as behind a proxy that ends TLS on this machine (behindTlsTheSessionCookieIsSecureAndHstsIsSent)
    "LEADSLA_FORWARD_HEADERS=native",
    "camunda.bpm.admin-user.password=" + ApplicationContract.PASSWORD
})
@ActiveProfiles("postgres")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ApplicationOnPostgresTest extends ApplicationContract {

  static final String SERVER = env("LEADSLA_TEST_PG_SERVER", "jdbc:postgresql://127.0.0.1:5432/");
  static final String USER = env("LEADSLA_TEST_PG_USER", "postgres");
  static final String DB_PASSWORD = env("LEADSLA_TEST_PG_PASSWORD", "");
  static final String DATABASE = "leadsla_it";

  @BeforeAll
  static void freshDatabase() {
    try (Connection connection = DriverManager.getConnection(SERVER + "postgres", USER, DB_PASSWORD);
        Statement statement = connection.createStatement()) {
      statement.execute("DROP DATABASE IF EXISTS " + DATABASE + " WITH (FORCE)");
      statement.execute("CREATE DATABASE " + DATABASE);
    } catch (SQLException e) {
      Assumptions.abort("No PostgreSQL at " + SERVER + ": " + e.getMessage());
    }
  }

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    registry.add("spring.datasource.url", () -> SERVER + DATABASE);
    registry.add("spring.datasource.username", () -> USER);
    registry.add("spring.datasource.password", () -> DB_PASSWORD);
  }

  @Test
  @Order(1)
  void thePostgresProfileCreatesNoDemoUsers() {
    assertThat(identityService.createUserQuery().userId("sam").count()).isZero();
    assertThat(identityService.createUserQuery().list()).extracting("id").containsExactly("admin");
    assertThat(identityService.createGroupQuery().groupIdIn("sdr", "ae", "sales-managers", "executives", "marketing")
        .count()).isEqualTo(5);
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }
}

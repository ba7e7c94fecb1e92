package io.leadsla.report;

import org.junit.jupiter.api.condition.EnabledIf;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** The V9 backfill on PostgreSQL. Skipped when no server answers; CI starts one and fails if this was skipped. */
@EnabledIf("freshDatabase")
class ReportColumnsBackfillOnPostgresTest extends ReportColumnsBackfillTest {

  static final String DATABASE = "leadsla_backfill_it";

  static boolean freshDatabase() {
    return CycleMetricsOnPostgresTest.freshDatabase(DATABASE);
  }

  @Override
  DriverManagerDataSource database() {
    return new DriverManagerDataSource(CycleMetricsOnPostgresTest.SERVER + DATABASE, CycleMetricsOnPostgresTest.USER,
        CycleMetricsOnPostgresTest.PASSWORD);
  }
}

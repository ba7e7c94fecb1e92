package io.leadsla;

import java.sql.DatabaseMetaData;
import java.util.Locale;
import javax.sql.DataSource;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;

/** Which database holds the application's tables: PostgreSQL in production, H2 for the embedded default. */
public final class DatabaseKind {

  private DatabaseKind() {}

  public static boolean isPostgres(DataSource dataSource) {
    try {
      return JdbcUtils.extractDatabaseMetaData(dataSource, DatabaseMetaData::getDatabaseProductName)
          .toLowerCase(Locale.ROOT).contains("postgres");
    } catch (MetaDataAccessException e) {
      throw new IllegalStateException("Cannot tell which database holds the leads", e);
    }
  }
}

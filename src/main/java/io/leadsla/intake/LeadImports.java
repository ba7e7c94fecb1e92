package io.leadsla.intake;

import io.leadsla.lead.InvalidInputException;
import io.leadsla.lead.InvalidLeadException;
import io.leadsla.lead.LeadFields;
import io.leadsla.lead.LeadFieldsValidator;
import java.sql.Timestamp;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executor;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * CSV import of an event list. The file is checked as a whole first (CSV syntax, known columns), then every row
 * goes through the same intake as a single lead, in a transaction of its own together with its report line:
 * a bad row is reported and creates nothing, the good rows before and after it stay.
 */
@Service
class LeadImports {

  static final int MAX_ROWS = 100_000;
  private static final Logger LOG = LoggerFactory.getLogger(LeadImports.class);

  record Report(String id, String status, int total, int processed, int created, int reengaged, int duplicate,
      int rejected, List<Map<String, Object>> rows) {}

  private final LeadFieldsValidator validator;
  private final LeadIntakeService intake;
  private final JdbcTemplate jdbc;
  private final TransactionTemplate transaction;
  private final Executor executor;

  LeadImports(LeadFieldsValidator validator, LeadIntakeService intake, JdbcTemplate jdbc,
      PlatformTransactionManager transactionManager, @Qualifier("leadImportExecutor") Executor executor) {
    this.validator = validator;
    this.intake = intake;
    this.jdbc = jdbc;
    this.transaction = new TransactionTemplate(transactionManager);
    this.executor = executor;
  }

  /** Checks the file and starts importing it in the background; returns the import id. */
  String start(String csv) {
    List<CsvReader.Row> rows = CsvReader.read(csv);
    if (rows.isEmpty()) {
      throw new InvalidInputException("The file is empty: the first line must name the columns, e.g. name,email,company,source");
    }
    List<String> header = rows.get(0).fields().stream().map(name -> name.strip().toLowerCase(Locale.ROOT)).toList();
    List<String> unknown = header.stream().filter(name -> !LeadFieldsValidator.FIELDS.contains(name)).toList();
    if (!unknown.isEmpty() || !header.contains("email")) {
      throw new InvalidInputException("Unknown column(s) " + unknown + " or no email column; the columns can be "
          + LeadFieldsValidator.FIELDS.stream().sorted().toList());
    }
    List<CsvReader.Row> data = rows.subList(1, rows.size());
    if (data.size() > MAX_ROWS) {
      throw new InvalidInputException("At most " + MAX_ROWS + " rows per file; split the list");
    }
    String id = "I-" + UUID.randomUUID();
    jdbc.update("INSERT INTO lead_import (id, status, total_rows, processed_rows, created, reengaged, duplicate, rejected, "
        + "started_at) VALUES (?, 'RUNNING', ?, 0, 0, 0, 0, 0, ?)", id, data.size(), Timestamp.from(now()));
    executor.execute(() -> run(id, header, List.copyOf(data)));
    return id;
  }

  private void run(String id, List<String> header, List<CsvReader.Row> rows) {
    try {
      for (CsvReader.Row row : rows) {
        importRow(id, header, row);
      }
    } finally {
      jdbc.update("UPDATE lead_import SET status = 'DONE', finished_at = ? WHERE id = ?", Timestamp.from(now()), id);
    }
  }

  private void importRow(String id, List<String> header, CsvReader.Row row) {
    Map<String, Object> raw = new LinkedHashMap<>();
    for (int i = 0; i < Math.min(header.size(), row.fields().size()); i++) {
      String value = row.fields().get(i).strip();
      if (!value.isEmpty()) {
        raw.put(header.get(i), convert(header.get(i), value));
      }
    }
    Object email = raw.get("email");
    try {
      if (row.fields().size() != header.size()) {
        throw new InvalidInputException("has " + row.fields().size() + " fields, the header has " + header.size());
      }
      LeadFields lead = validator.validate(raw);
      transaction.executeWithoutResult(status -> {
        IntakeResult result = intake.submit(lead, "csv");
        String outcome = switch (result.outcome()) {
          case CREATED -> "created";
          case REENGAGED -> "reengaged";
          case ABSORBED -> "duplicate";
        };
        record(id, row.line(), lead.email(), outcome, result.leadId(), null);
      });
    } catch (InvalidLeadException e) {
      reject(id, row.line(), email, String.join("; ", e.fieldErrors().entrySet().stream()
          .map(error -> error.getKey() + " " + error.getValue()).sorted().toList()));
    } catch (InvalidInputException e) {
      reject(id, row.line(), email, e.getMessage());
    } catch (RuntimeException e) {
      LOG.warn("Import {} line {} failed", id, row.line(), e);
      reject(id, row.line(), email, "could not be imported: " + e.getMessage());
    }
  }

  private void reject(String id, int line, Object email, String reason) {
    transaction.executeWithoutResult(status -> record(id, line, email instanceof String text && text.length() <= 254
        ? text : null, "rejected", null, reason.length() > 1000 ? reason.substring(0, 1000) : reason));
  }

  private void record(String id, int line, String email, String outcome, String leadId, String reason) {
    jdbc.update("INSERT INTO lead_import_row (import_id, line, email, outcome, lead_id, reason) VALUES (?, ?, ?, ?, ?, ?)",
        id, line, email, outcome, leadId, reason);
    jdbc.update("UPDATE lead_import SET processed_rows = processed_rows + 1, " + outcome + " = " + outcome + " + 1 "
        + "WHERE id = ?", id);
  }

  private static Object convert(String column, String value) {
    return switch (column) {
      case "score" -> {
        try {
          yield Integer.parseInt(value);
        } catch (NumberFormatException e) {
          yield value;   // the validator names it
        }
      }
      case "consent" -> switch (value.toLowerCase(Locale.ROOT)) {
        case "true", "yes", "y", "1" -> true;
        case "false", "no", "n", "0" -> false;
        default -> value;
      };
      default -> value;
    };
  }

  /** Progress and counts; the rows too when asked (every row, or only those that need a look: not created). */
  Optional<Report> report(String id, boolean allRows) {
    List<Report> found = jdbc.query("SELECT * FROM lead_import WHERE id = ?", (rs, i) -> new Report(
        rs.getString("id"), rs.getString("status"), rs.getInt("total_rows"), rs.getInt("processed_rows"),
        rs.getInt("created"), rs.getInt("reengaged"), rs.getInt("duplicate"), rs.getInt("rejected"),
        jdbc.queryForList("SELECT line AS \"line\", email AS \"email\", outcome AS \"outcome\", lead_id AS \"leadId\", "
            + "reason AS \"reason\" FROM lead_import_row WHERE import_id = ?"
            + (allRows ? "" : " AND outcome <> 'created'") + " ORDER BY line", rs.getString("id"))), id);
    return found.stream().findFirst();
  }

  private static java.time.Instant now() {
    return ClockUtil.getCurrentTime().toInstant();
  }
}

package io.leadsla.intake;

import io.leadsla.web.Problems;
import io.leadsla.lead.InvalidInputException;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /api/leads/import} (text/csv) starts an import; {@code GET /api/leads/import/{id}} shows its progress and report. */
@RestController
class LeadImportController {

  static final int MAX_FILE_BYTES = 20 * 1024 * 1024;

  private final LeadImports imports;

  LeadImportController(LeadImports imports) {
    this.imports = imports;
  }

  @PostMapping(path = "/api/leads/import", consumes = {"text/csv", MediaType.TEXT_PLAIN_VALUE})
  ResponseEntity<?> start(HttpServletRequest request) throws IOException {
    if (request.getContentLengthLong() > MAX_FILE_BYTES) {
      return error(413, "The file is larger than " + MAX_FILE_BYTES / (1024 * 1024) + " MB; split the list");
    }
    byte[] body;
    try (InputStream in = request.getInputStream()) {
      body = in.readNBytes(MAX_FILE_BYTES + 1);
    }
    if (body.length > MAX_FILE_BYTES) {
      return error(413, "The file is larger than " + MAX_FILE_BYTES / (1024 * 1024) + " MB; split the list");
    }
    String id;
    try {
      id = imports.start(new String(body, StandardCharsets.UTF_8));
    } catch (CsvReader.CsvSyntaxException e) {
      return error(400, "Not a CSV file: " + e.getMessage());
    } catch (InvalidInputException e) {
      return error(422, e.getMessage());
    }
    return ResponseEntity.status(HttpStatus.ACCEPTED).header("Location", "/api/leads/import/" + id)
        .contentType(MediaType.APPLICATION_JSON).body(new ImportStarted(id, "RUNNING", "/api/leads/import/" + id));
  }

  /** An import taken: where to follow its progress. */
  record ImportStarted(String importId, String status, String progress) {}

  /** Progress and counts, with the rows that need a look (duplicate, re-engaged, rejected); {@code ?rows=all} for every row. */
  @GetMapping(path = "/api/leads/import/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<?> report(@PathVariable String id, @RequestParam(name = "rows", required = false) String rows) {
    return imports.report(id, "all".equals(rows)).<ResponseEntity<?>>map(ResponseEntity::ok)
        .orElseGet(() -> error(404, "No import " + id));
  }

  private static ResponseEntity<String> error(int status, String message) {
    return Problems.entity(status, Problems.json(status, message, null));
  }

  @org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
  static class ImportExecutor {

    /** One import at a time per node; a second waits in the queue. */
    @Bean(name = "leadImportExecutor", destroyMethod = "shutdown")
    ThreadPoolTaskExecutor leadImportExecutor() {
      ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
      executor.setCorePoolSize(1);
      executor.setMaxPoolSize(1);
      executor.setQueueCapacity(50);
      executor.setThreadNamePrefix("lead-import-");
      return executor;
    }
  }
}

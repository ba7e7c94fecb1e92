package io.leadsla.intake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/** CSV import of event lists: a report per row, good rows kept whatever the bad ones do, progress while it runs. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.datasource.url=jdbc:h2:mem:leadsla-import;DB_CLOSE_DELAY=-1",
    "camunda.bpm.job-execution.enabled=false",
    "leadsla.intake.api-keys=import-key"
})
class LeadImportTest {

  @Autowired TestRestTemplate rest;
  @Autowired JdbcTemplate jdbc;
  final ObjectMapper json = new ObjectMapper();

  ResponseEntity<String> upload(String csv) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.parseMediaType("text/csv"));
    headers.set("X-Api-Key", "import-key");
    return rest.exchange("/api/leads/import", HttpMethod.POST, new HttpEntity<>(csv, headers), String.class);
  }

  JsonNode report(String id) throws Exception {
    return report(id, "");
  }

  JsonNode report(String id, String query) throws Exception {
    HttpHeaders headers = new HttpHeaders();
    headers.set("X-Api-Key", "import-key");
    return json.readTree(rest.exchange("/api/leads/import/" + id + query, HttpMethod.GET, new HttpEntity<>(headers),
        String.class).getBody());
  }

  /** Polls the report until the import is done; returns every report seen on the way. */
  List<JsonNode> untilDone(String id, Duration timeout) throws Exception {
    List<JsonNode> seen = new ArrayList<>();
    Instant giveUp = Instant.now().plus(timeout);
    while (Instant.now().isBefore(giveUp)) {
      JsonNode report = report(id);
      seen.add(report);
      if (report.get("status").asText().equals("DONE")) {
        return seen;
      }
      Thread.sleep(200);
    }
    throw new AssertionError("import " + id + " not done after " + timeout + ": " + seen.get(seen.size() - 1));
  }

  @Test
  void eachRowIsReportedAndOnlyTheGoodOnesCreateLeads() throws Exception {
    String csv = """
        name,email,company,source,score,consent
        Ann Able,ann@event.example,Acme,event_list,20,yes
        "Bo, Jr.",bo@event.example,"Big ""B"" Inc",event_list,,no
        Ann Again,ANN@event.example,Acme,event_list,30,yes
        Carl Bad,carl-at-event,Acme,event_list,10,yes
        Dora Bad,dora@event.example,Acme,carrier_pigeon,10,yes
        Eve Bad,eve@event.example,Acme,event_list,lots,yes
        Fay Short,fay@event.example
        Gus Good,gus@event.example,,webinar,80,true
        """;
    ResponseEntity<String> started = upload(csv);
    assertThat(started.getStatusCode().value()).isEqualTo(202);
    String id = json.readTree(started.getBody()).get("importId").asText();

    untilDone(id, Duration.ofMinutes(2));
    JsonNode report = report(id, "?rows=all");

    assertThat(report.get("total").asInt()).isEqualTo(8);
    assertThat(report.get("processed").asInt()).isEqualTo(8);
    assertThat(report.get("created").asInt()).isEqualTo(3);
    assertThat(report.get("duplicate").asInt()).isEqualTo(1);
    assertThat(report.get("rejected").asInt()).isEqualTo(4);
    List<String> outcomes = new ArrayList<>();
    report.get("rows").forEach(row -> outcomes.add(row.get("line").asInt() + ":" + row.get("outcome").asText()));
    assertThat(outcomes).containsExactly("2:created", "3:created", "4:duplicate", "5:rejected", "6:rejected",
        "7:rejected", "8:rejected", "9:created");
    assertThat(report.get("rows").get(3).get("reason").asText()).contains("email is not a valid e-mail address");
    assertThat(report.get("rows").get(5).get("reason").asText()).contains("score must be a whole number");
    assertThat(report.get("rows").get(6).get("reason").asText()).contains("has 2 fields, the header has 6");
    // without ?rows=all only the rows that need a look
    assertThat(report(id).get("rows")).hasSize(5);
    assertThat(jdbc.queryForObject("SELECT company FROM lead WHERE email = 'bo@event.example'", String.class))
        .isEqualTo("Big \"B\" Inc");
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM lead WHERE email IN ('carl-at-event', 'dora@event.example', "
        + "'eve@event.example', 'fay@event.example')", Long.class)).isZero();
  }

  @Test
  void aFileThatIsNotCsvOrHasUnknownColumnsIsRefusedWhole() throws Exception {
    assertThat(upload("name,email\n\"Ann,ann@x.example\n").getStatusCode().value()).isEqualTo(400);
    ResponseEntity<String> unknown = upload("name,e-mail,shoe size\nAnn,ann@x.example,42\n");
    assertThat(unknown.getStatusCode().value()).isEqualTo(422);
    assertThat(unknown.getBody()).contains("e-mail", "shoe size");
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM lead WHERE email = 'ann@x.example'", Long.class)).isZero();
  }

  @Test
  void tenThousandRowsAreImportedWithVisibleProgress() throws Exception {
    StringBuilder csv = new StringBuilder("name,email,source,score\n");
    for (int i = 0; i < 10_000; i++) {
      csv.append("Guest ").append(i).append(",guest").append(i).append("@expo.example,event_list,").append(i % 100)
          .append('\n');
    }
    String id = json.readTree(upload(csv.toString()).getBody()).get("importId").asText();

    List<JsonNode> reports = untilDone(id, Duration.ofMinutes(10));

    JsonNode done = reports.get(reports.size() - 1);
    assertThat(done.get("created").asInt()).isEqualTo(10_000);
    assertThat(done.get("rejected").asInt()).isZero();
    assertThat(reports).anySatisfy(report -> assertThat(report.get("processed").asInt()).isBetween(1, 9_999));
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM lead WHERE email LIKE 'guest%@expo.example'", Long.class))
        .isEqualTo(10_000);
  }
}

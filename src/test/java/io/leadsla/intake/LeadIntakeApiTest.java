package io.leadsla.intake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadsla.sla.LeadCycleDriver;
import io.leadsla.sla.LeadCycleProcess;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/** POST /api/leads end to end: HTTP, validation, lead store, a running LeadCycle instance. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.datasource.url=jdbc:h2:mem:leadsla-intake;DB_CLOSE_DELAY=-1",
    "camunda.bpm.job-execution.enabled=false",
    "leadsla.intake.api-keys=key-one,key-two"
})
class LeadIntakeApiTest {

  @Autowired TestRestTemplate rest;
  @Autowired JdbcTemplate jdbc;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired ProcessEngine engine;
  final ObjectMapper json = new ObjectMapper();

  static String lead(String email) {
    return """
        {"name": "Jo Doe", "email": "%s", "company": "Acme", "source": "demo_request", "score": 40,
         "consent": true, "campaign": "spring-launch", "message": "Please call me"}
        """.formatted(email);
  }

  ResponseEntity<String> post(String body, String idempotencyKey) {
    return post(body, idempotencyKey, MediaType.APPLICATION_JSON, "key-two");
  }

  ResponseEntity<String> post(String body, String idempotencyKey, MediaType type, String apiKey) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(type);
    if (apiKey != null) {
      headers.set("X-Api-Key", apiKey);
    }
    if (idempotencyKey != null) {
      headers.set("Idempotency-Key", idempotencyKey);
    }
    return rest.exchange("/api/leads", HttpMethod.POST, new HttpEntity<>(body, headers), String.class);
  }

  JsonNode body(ResponseEntity<String> response) throws Exception {
    return json.readTree(response.getBody());
  }

  long count(String table) {
    return jdbc.queryForObject("SELECT COUNT(*) FROM " + table, Long.class);
  }

  long instances() {
    return runtimeService.createProcessInstanceQuery().processDefinitionKey(LeadCycleProcess.KEY).count();
  }

  @Test
  void aNewLeadIsStoredAndItsCycleStartsWithATaskForItsOwner() throws Exception {
    ResponseEntity<String> response = post(lead("New.Lead@Example.org"), null);

    assertThat(response.getStatusCode().value()).isEqualTo(201);
    JsonNode answer = body(response);
    assertThat(answer.get("outcome").asText()).isEqualTo("created");
    assertThat(answer.get("cycle").asInt()).isEqualTo(1);
    String leadId = answer.get("leadId").asText();
    Map<String, Object> row = jdbc.queryForMap("SELECT * FROM lead WHERE id = ?", leadId);
    assertThat(row).containsEntry("EMAIL", "new.lead@example.org").containsEntry("CAMPAIGN", "spring-launch")
        .containsEntry("CONSENT", true);
    assertThat(jdbc.queryForObject("SELECT process_instance_id FROM lead_cycle WHERE lead_id = ? AND cycle = 1",
        String.class, leadId)).isEqualTo(answer.get("processInstanceId").asText());
    assertThat(jdbc.queryForObject("SELECT channel || ' ' || outcome FROM lead_submission WHERE lead_id = ?",
        String.class, leadId)).isEqualTo("api CREATED");
    // the answer came once the lead was stored; its owner and clock come with the start job
    assertThat(taskService.createTaskQuery().processInstanceBusinessKey(leadId).count()).isZero();
    LeadCycleDriver.runStartJob(engine, answer.get("processInstanceId").asText());
    assertThat(taskService.createTaskQuery().processInstanceBusinessKey(leadId)
        .taskDefinitionKey(LeadCycleProcess.TASK_RESPOND_TO_LEAD).singleResult().getAssignee()).isNotNull();
  }

  @Test
  void aSecondSubmissionWhileTheCycleIsOpenRaisesTheScoreInsteadOfStartingAgain() throws Exception {
    String first = body(post(lead("again@example.org"), null)).get("processInstanceId").asText();

    ResponseEntity<String> again = post(lead("AGAIN@example.org").replace("demo_request", "pricing_page"), null);

    assertThat(again.getStatusCode().value()).isEqualTo(200);
    assertThat(body(again).get("outcome").asText()).isEqualTo("absorbed");
    assertThat(body(again).get("processInstanceId").asText()).isEqualTo(first);
    assertThat(jdbc.queryForObject("SELECT score FROM lead WHERE email = 'again@example.org'", Integer.class))
        .isEqualTo(50);
    assertThat((String) runtimeService.getVariable(first, "newInterest")).contains("pricing_page");
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM lead_cycle c JOIN lead l ON l.id = c.lead_id "
        + "WHERE l.email = 'again@example.org'", Long.class)).isEqualTo(1);
  }

  @Test
  void aLeadWhoseCycleEndedInNurtureComesBackAsCycleTwo() throws Exception {
    JsonNode first = body(post(lead("back@example.org"), null));
    String leadId = first.get("leadId").asText();
    runtimeService.deleteProcessInstance(first.get("processInstanceId").asText(), "test: lead went to nurture");
    jdbc.update("UPDATE lead_cycle SET ended_at = CURRENT_TIMESTAMP, disposition = 'nurture' WHERE lead_id = ?", leadId);

    ResponseEntity<String> back = post(lead("back@example.org"), null);

    assertThat(back.getStatusCode().value()).isEqualTo(201);
    assertThat(body(back).get("outcome").asText()).isEqualTo("reengaged");
    assertThat(body(back).get("leadId").asText()).isEqualTo(leadId);
    assertThat(body(back).get("cycle").asInt()).isEqualTo(2);
    String second = body(back).get("processInstanceId").asText();
    assertThat(runtimeService.getVariable(second, "cycle")).isEqualTo(2);
    assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(second).singleResult().getBusinessKey())
        .isEqualTo(leadId);
  }

  @Test
  void theSameIdempotencyKeyAndBodyGetTheFirstAnswerAgain() throws Exception {
    String body = lead("idem@example.org");
    ResponseEntity<String> first = post(body, "order-4711");
    long before = instances();

    ResponseEntity<String> replay = post(body, "order-4711");

    assertThat(replay.getStatusCode().value()).isEqualTo(201);
    assertThat(replay.getBody()).isEqualTo(first.getBody());
    assertThat(instances()).isEqualTo(before);
  }

  @Test
  void theSameIdempotencyKeyWithAnotherBodyIsRefused() throws Exception {
    post(lead("idem2@example.org"), "order-4712");
    long leads = count("lead");

    ResponseEntity<String> other = post(lead("someone.else@example.org"), "order-4712");

    assertThat(other.getStatusCode().value()).isEqualTo(422);
    assertThat(body(other).get("detail").asText()).contains("different body");
    assertThat(count("lead")).isEqualTo(leads);
  }

  @Test
  void withoutAValidApiKeyNothingIsAccepted() {
    assertThat(post(lead("nokey@example.org"), null, MediaType.APPLICATION_JSON, null).getStatusCode().value()).isEqualTo(401);
    assertThat(post(lead("nokey@example.org"), null, MediaType.APPLICATION_JSON, "key-three").getStatusCode().value())
        .isEqualTo(401);
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM lead WHERE email = 'nokey@example.org'", Long.class)).isZero();
  }

  static Stream<Arguments> hostileInputs() {
    String base = lead("hostile@example.org");
    return Stream.of(
        Arguments.of("CR/LF in the name", base.replace("Jo Doe", "Jo\\r\\nBcc: spam@evil.example"), 422, "name"),
        Arguments.of("1 MB field", base.replace("Please call me", "x".repeat(1_000_000)), 413, null),
        Arguments.of("2,001 character message", base.replace("Please call me", "x".repeat(2001)), 422, "message"),
        Arguments.of("bad JSON", "{\"name\": \"Jo\",", 400, null),
        Arguments.of("JSON array", "[1, 2]", 400, null),
        Arguments.of("score as text", base.replace("\"score\": 40", "\"score\": \"forty\""), 422, "score"),
        Arguments.of("score 101", base.replace("\"score\": 40", "\"score\": 101"), 422, "score"),
        Arguments.of("fractional score", base.replace("\"score\": 40", "\"score\": 40.5"), 422, "score"),
        Arguments.of("consent as text", base.replace("\"consent\": true", "\"consent\": \"yes\""), 422, "consent"),
        Arguments.of("name as object", base.replace("\"Jo Doe\"", "{\"first\": \"Jo\"}"), 422, "name"),
        Arguments.of("bad e-mail", base.replace("hostile@example.org", "hostile-at-example"), 422, "email"),
        Arguments.of("bad phone", base.replace("\"company\"", "\"phone\": \"call me maybe\", \"company\""), 422, "phone"),
        Arguments.of("unknown source", base.replace("demo_request", "carrier_pigeon"), 422, "source"),
        Arguments.of("unknown field", base.replace("\"company\"", "\"isAdmin\": true, \"company\""), 422, "isAdmin"),
        Arguments.of("no e-mail", base.replace("\"email\": \"hostile@example.org\",", ""), 422, "email"),
        Arguments.of("an address the mail library reads as another", base.replace("hostile@example.org",
            "<injected>@acme.example"), 422, "email"),
        Arguments.of("a quoted address that would write markdown into the task forms", base.replace(
            "hostile@example.org", "\\\"x](https://evil.example)\\\"@acme.example"), 422, "email"),
        Arguments.of("a domain with a bracket", base.replace("hostile@example.org", "jo@[10.0.0.1]"), 422, "email"),
        Arguments.of("a decoder's replacement character", base.replace("Please call me", "Please \uFFFD me"), 422,
            "message"));
  }

  @Test
  void aBodyThatIsNotUtf8IsRefusedNotDecoded() {
    long leads = count("lead");
    // C0 AF: an overlong encoding of "/", which a lenient decoder turns into a slash
    byte[] overlong = lead("overlong@example.org").replace("Please call me", "Please ~ me")
        .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    int at = new String(overlong, java.nio.charset.StandardCharsets.ISO_8859_1).indexOf('~');
    byte[] body = new byte[overlong.length + 1];
    System.arraycopy(overlong, 0, body, 0, at);
    body[at] = (byte) 0xC0;
    body[at + 1] = (byte) 0xAF;
    System.arraycopy(overlong, at + 1, body, at + 2, overlong.length - at - 1);
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    headers.set("X-Api-Key", "key-two");

    ResponseEntity<String> response = rest.exchange("/api/leads", HttpMethod.POST, new HttpEntity<>(body, headers),
        String.class);

    assertThat(response.getStatusCode().value()).isEqualTo(400);
    assertThat(response.getBody()).contains("not valid UTF-8");
    assertThat(count("lead")).isEqualTo(leads);
  }

  @ParameterizedTest(name = "{0} -> {2}")
  @MethodSource("hostileInputs")
  void hostileAndMalformedInputIsRefusedAndCreatesNothing(String what, String body, int status, String field)
      throws Exception {
    long leads = count("lead");
    long cycles = count("lead_cycle");
    long running = instances();

    ResponseEntity<String> response = post(body, null);

    assertThat(response.getStatusCode().value()).as(what).isEqualTo(status);
    JsonNode error = body(response);
    assertThat(response.getHeaders().getContentType().toString()).startsWith("application/problem+json");
    assertThat(error.get("status").asInt()).isEqualTo(status);
    assertThat(error.get("title").asText()).isNotBlank();
    assertThat(error.get("detail").asText()).isNotBlank();
    if (field != null) {
      assertThat(error.get("fields").has(field)).as("%s names %s: %s", what, field, response.getBody()).isTrue();
    }
    assertThat(count("lead")).isEqualTo(leads);
    assertThat(count("lead_cycle")).isEqualTo(cycles);
    assertThat(instances()).isEqualTo(running);
  }

  @Test
  void theApiIsDescribedInOpenApi() {
    ResponseEntity<String> description = rest.getForEntity("/api/openapi", String.class);
    assertThat(description.getStatusCode().value()).isEqualTo(200);
    assertThat(description.getBody()).contains("\"/api/leads\"", "\"/api/leads/import\"", "X-Api-Key", "Idempotency-Key");
    // the reports too, with their parameters
    assertThat(description.getBody()).contains("\"/api/reports/summary\"", "\"/api/reports/cycles.csv\"",
        "\"name\":\"from\"", "\"name\":\"to\"", "\"name\":\"team\"");
  }

  @Test
  void aWrongContentTypeIs415() {
    ResponseEntity<String> response = post("name=Jo", null, MediaType.TEXT_PLAIN, "key-one");
    assertThat(response.getStatusCode().value()).isEqualTo(415);
  }

  @Test
  void expressionsAndMarkupAreStoredAsPlainText() throws Exception {
    String body = lead("plain.text@example.org")
        .replace("Jo Doe", "O'Brien <b>${execution.getProcessEngine()}</b>")
        .replace("Please call me", "<script>alert(1)</script> #{1+1}");

    ResponseEntity<String> response = post(body, null);

    assertThat(response.getStatusCode().value()).isEqualTo(201);
    String instance = body(response).get("processInstanceId").asText();
    String leadId = body(response).get("leadId").asText();
    assertThat(jdbc.queryForObject("SELECT name FROM lead WHERE id = ?", String.class, leadId))
        .isEqualTo("O'Brien <b>${execution.getProcessEngine()}</b>");
    assertThat(jdbc.queryForObject("SELECT message FROM lead_cycle WHERE lead_id = ? AND cycle = 1", String.class,
        leadId)).isEqualTo("<script>alert(1)</script> #{1+1}");
    assertThat(runtimeService.getVariable(instance, "leadName")).as("no copy in the process").isNull();
  }

  @Test
  void parallelSubmissionsOfOneLeadCreateOneLeadAndOneOpenCycle() throws Exception {
    List<ResponseEntity<String>> responses = parallel(20, () -> post(lead("rush@example.org"), null));

    assertThat(responses).extracting(r -> r.getStatusCode().value()).containsOnly(201, 200);
    assertThat(responses).filteredOn(r -> r.getStatusCode().value() == 201).hasSize(1);
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM lead WHERE email = 'rush@example.org'", Long.class)).isEqualTo(1);
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM lead_cycle c JOIN lead l ON l.id = c.lead_id "
        + "WHERE l.email = 'rush@example.org' AND c.ended_at IS NULL", Long.class)).isEqualTo(1);
    String leadId = body(responses.get(0)).get("leadId").asText();
    assertThat(runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(leadId).count()).isEqualTo(1);
  }

  @Test
  void parallelSubmissionsWithOneIdempotencyKeyCreateOneLead() throws Exception {
    List<ResponseEntity<String>> responses = parallel(20, () -> post(lead("rush.key@example.org"), "rush-key"));

    // each answer is the first one replayed (201) or "still in progress" (409); how many 409s depends on timing
    assertThat(responses).extracting(r -> r.getStatusCode().value()).isSubsetOf(201, 409).contains(201);
    assertThat(responses).filteredOn(r -> r.getStatusCode().value() == 201)
        .extracting(ResponseEntity::getBody).containsOnly(responses.stream()
            .filter(r -> r.getStatusCode().value() == 201).findFirst().orElseThrow().getBody());
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM lead WHERE email = 'rush.key@example.org'", Long.class))
        .isEqualTo(1);
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM lead_cycle c JOIN lead l ON l.id = c.lead_id "
        + "WHERE l.email = 'rush.key@example.org'", Long.class)).isEqualTo(1);
  }

  private static <T> List<T> parallel(int count, java.util.concurrent.Callable<T> call) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<T>> futures = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        futures.add(pool.submit(call));
      }
      List<T> results = new ArrayList<>();
      for (Future<T> future : futures) {
        results.add(future.get());
      }
      return results;
    } finally {
      pool.shutdown();
    }
  }
}

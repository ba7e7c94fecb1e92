package io.leadsla.intake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadsla.nurture.LeadNurtureProcess;
import io.leadsla.sla.LeadCycleDriver;
import io.leadsla.sla.LeadCycleProcess;
import java.util.Map;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/** POST /api/leads/{id}/engagement end to end: a nurtured lead that engages enough comes back as cycle 2. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.datasource.url=jdbc:h2:mem:leadsla-intake;DB_CLOSE_DELAY=-1",
    "camunda.bpm.job-execution.enabled=false",
    "leadsla.intake.api-keys=key-one,key-two"
})
class LeadEngagementApiTest {

  @Autowired TestRestTemplate rest;
  @Autowired JdbcTemplate jdbc;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired ManagementService managementService;
  @Autowired ProcessEngine engine;
  final ObjectMapper json = new ObjectMapper();

  ResponseEntity<String> post(String path, String body, String idempotencyKey, String apiKey) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    if (apiKey != null) {
      headers.set("X-Api-Key", apiKey);
    }
    if (idempotencyKey != null) {
      headers.set("Idempotency-Key", idempotencyKey);
    }
    return rest.exchange(path, HttpMethod.POST, new HttpEntity<>(body, headers), String.class);
  }

  ResponseEntity<String> engage(String leadId, String body, String idempotencyKey) {
    return post("/api/leads/" + leadId + "/engagement", body, idempotencyKey, "key-one");
  }

  JsonNode body(ResponseEntity<String> response) throws Exception {
    return json.readTree(response.getBody());
  }

  /** A T1 lead (score 40) submitted by the API, reached on the first call and moved to nurture: score 20, threshold 70. */
  String nurturedLead(String email) throws Exception {
    JsonNode created = body(post("/api/leads", LeadIntakeApiTest.lead(email), null, "key-one"));
    String leadId = created.get("leadId").asText();
    String instance = created.get("processInstanceId").asText();
    LeadCycleDriver.runStartJob(engine, instance);
    complete(instance, LeadCycleProcess.TASK_RESPOND_TO_LEAD,
        Map.of("touchChannel", "phone", "touchOutcome", "connected", "touchNote", "spoke briefly"));
    complete(instance, LeadCycleProcess.TASK_QUALIFY_LEAD, Map.of("disposition", "nurture"));
    assertThat(nurtureInstances(leadId)).isEqualTo(1);
    return leadId;
  }

  void complete(String instance, String taskKey, Map<String, Object> variables) {
    String[] cycleAndStage = LeadCycleDriver.family(engine, instance).toArray(String[]::new);
    taskService.complete(taskService.createTaskQuery().processInstanceIdIn(cycleAndStage).taskDefinitionKey(taskKey)
        .singleResult().getId(), variables);
    // the task's own async continuation only: no SMTP server runs in this test
    LeadCycleDriver.jobsAt(engine, instance, taskKey).forEach(job -> managementService.executeJob(job.getId()));
  }

  long nurtureInstances(String leadId) {
    return runtimeService.createProcessInstanceQuery().processDefinitionKey(LeadNurtureProcess.KEY)
        .processInstanceBusinessKey(leadId).count();
  }

  int engagements(String leadId) {
    return jdbc.queryForObject("SELECT COUNT(*) FROM lead_engagement WHERE lead_id = ?", Integer.class, leadId);
  }

  @Test
  void engagementPastTheThresholdBringsANurturedLeadBackAsCycleTwo() throws Exception {
    String leadId = nurturedLead("engaged@example.org");

    ResponseEntity<String> below = engage(leadId, "{\"points\": 30, \"activity\": \"webinar-attended\"}", null);
    assertThat(below.getStatusCode().value()).isEqualTo(200);
    assertThat(body(below).get("outcome").asText()).isEqualTo("nurturing");
    assertThat(body(below).get("score").asInt()).isEqualTo(50);
    assertThat(body(below).get("reengageScore").asInt()).isEqualTo(70);

    ResponseEntity<String> past = engage(leadId,
        "{\"points\": 20, \"activity\": \"pricing-page-visit\", \"occurredAt\": \"2020-01-01T10:00:00+01:00\"}", null);

    assertThat(past.getStatusCode().value()).isEqualTo(200);
    JsonNode answer = body(past);
    assertThat(answer.get("outcome").asText()).isEqualTo("reengaged");
    assertThat(answer.get("cycle").asInt()).isEqualTo(2);
    assertThat(nurtureInstances(leadId)).isZero();
    String next = answer.get("processInstanceId").asText();
    assertThat(runtimeService.getVariable(next, "cycle")).isEqualTo(2);
    assertThat(jdbc.queryForObject("SELECT score FROM lead WHERE id = ?", Integer.class, leadId)).isEqualTo(70);
    LeadCycleDriver.runStartJob(engine, next);
    assertThat(taskService.createTaskQuery()
        .processInstanceIdIn(LeadCycleDriver.family(engine, next).toArray(String[]::new))
        .taskDefinitionKey(LeadCycleProcess.TASK_RESPOND_TO_LEAD).count()).isEqualTo(1);
  }

  @Test
  void aRetriedEngagementWithTheSameKeyCountsOnce() throws Exception {
    String leadId = nurturedLead("retried@example.org");
    String event = "{\"points\": 5, \"activity\": \"newsletter-click\"}";

    ResponseEntity<String> first = engage(leadId, event, "click-991");
    ResponseEntity<String> retry = engage(leadId, event, "click-991");
    ResponseEntity<String> otherBody = engage(leadId, "{\"points\": 50, \"activity\": \"newsletter-click\"}", "click-991");

    assertThat(retry.getStatusCode().value()).isEqualTo(200);
    assertThat(retry.getBody()).isEqualTo(first.getBody());
    assertThat(otherBody.getStatusCode().value()).isEqualTo(422);
    assertThat(engagements(leadId)).isEqualTo(1);
    assertThat(jdbc.queryForObject("SELECT score FROM lead WHERE id = ?", Integer.class, leadId)).isEqualTo(25);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      "{\"points\": 0, \"activity\": \"x\"}                              | 422 | points",
      "{\"points\": 2.5, \"activity\": \"x\"}                            | 422 | points",
      "{\"points\": \"10\", \"activity\": \"x\"}                         | 422 | points",
      "{\"points\": 10}                                                  | 422 | activity",
      "{\"points\": 10, \"activity\": \"a\\r\\nb\"}                      | 422 | activity",
      "{\"points\": 10, \"activity\": \"x\", \"occurredAt\": \"yesterday\"} | 422 | occurredAt",
      "{\"points\": 10, \"activity\": \"x\", \"occurredAt\": \"2999-01-01T00:00:00Z\"} | 422 | occurredAt",
      "{\"points\": 10, \"activity\": \"x\", \"bonus\": 1000}            | 422 | bonus",
      "[1, 2]                                                            | 400 | ",
      "{\"points\": 10,                                                  | 400 | ",
  })
  void badEngagementsAreRefusedAndChangeNothing(String event, int status, String badField) throws Exception {
    String leadId = nurturedLead("bad-" + Math.abs(event.hashCode()) + "@example.org");

    ResponseEntity<String> response = engage(leadId, event, null);

    assertThat(response.getStatusCode().value()).isEqualTo(status);
    if (badField != null) {
      assertThat(body(response).get("fields").has(badField)).as(response.getBody()).isTrue();
    }
    assertThat(engagements(leadId)).isZero();
    assertThat(nurtureInstances(leadId)).isEqualTo(1);
  }

  @Test
  void unknownLeadsWrongKeysAndWrongContentTypesAreRefused() {
    assertThat(engage("L-unknown", "{\"points\": 10, \"activity\": \"x\"}", null).getStatusCode().value())
        .isEqualTo(404);
    assertThat(engage("bad id!", "{\"points\": 10, \"activity\": \"x\"}", null).getStatusCode().value())
        .isEqualTo(404);
    assertThat(post("/api/leads/L-unknown/engagement", "{}", null, null).getStatusCode().value()).isEqualTo(401);
    assertThat(post("/api/leads/L-unknown/engagement", "{}", null, "wrong").getStatusCode().value()).isEqualTo(401);
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.TEXT_PLAIN);
    headers.set("X-Api-Key", "key-one");
    assertThat(rest.exchange("/api/leads/L-unknown/engagement", HttpMethod.POST, new HttpEntity<>("points=1", headers),
        String.class).getStatusCode().value()).isEqualTo(415);
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM lead_engagement WHERE lead_id = 'L-unknown'", Integer.class))
        .isZero();
  }
}

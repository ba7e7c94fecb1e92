package io.leadsla;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadsla.nurture.LeadNurtureProcess;
import io.leadsla.security.SalesGroups;
import io.leadsla.sla.LeadCycleDriver;
import io.leadsla.sla.LeadCycleProcess;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * What the running application promises, whatever its database: every model deployed, the REST API locked,
 * a lead started over REST lands in its owner's Tasklist and nowhere else.
 */
abstract class ApplicationContract {

  static final String PASSWORD = "test-only-password";
  /** Every logged-in caller's query asks for a page (queryMaxResultsLimit); the webapps ask for up to 2,000. */
  static final String PAGE = "firstResult=0&maxResults=2000";

  @Autowired TestRestTemplate rest;
  @Autowired RepositoryService repositoryService;
  @Autowired RuntimeService runtimeService;
  @Autowired ProcessEngine engine;
  @Autowired IdentityService identityService;
  @Autowired io.leadsla.lead.LeadStore leads;

  /** A rep, an AE, a manager, an executive, a marketer; created by the test where no demo data exists. */
  void ensureTeam() {
    Map<String, String> team = Map.of("tsam", SalesGroups.SDR, "tsara", SalesGroups.SDR, "tamy", SalesGroups.AE,
        "tmaria", SalesGroups.MANAGERS, "teve", SalesGroups.EXECUTIVES, "tmark", SalesGroups.MARKETING);
    team.forEach((id, group) -> {
      if (identityService.createUserQuery().userId(id).count() == 0) {
        User user = identityService.newUser(id);
        user.setEmail(id + "@example.com");
        user.setPassword(PASSWORD);
        identityService.saveUser(user);
        identityService.createMembership(id, group);
      }
    });
  }

  @Test
  void everyFileInBpmnAndFormsIsDeployedAndEveryFormRefResolves() throws IOException {
    Set<String> deployed = new HashSet<>();
    for (Deployment deployment : repositoryService.createDeploymentQuery().list()) {
      repositoryService.getDeploymentResourceNames(deployment.getId())
          .forEach(name -> deployed.add(Path.of(name).getFileName().toString()));
    }
    List<String> files;
    try (Stream<Path> bpmn = Files.list(Path.of("bpmn")); Stream<Path> forms = Files.list(Path.of("forms"))) {
      files = Stream.concat(bpmn, forms).map(path -> path.getFileName().toString()).toList();
    }
    assertThat(files).contains("LeadCycle.bpmn", "LeadSlaPolicy.dmn", "StartLead.form");
    assertThat(deployed).containsAll(files);

    Set<String> formIds = new HashSet<>();
    try (Stream<Path> forms = Files.list(Path.of("forms"))) {
      for (Path form : forms.toList()) {
        String id = new ObjectMapper().readTree(form.toFile()).path("id").asText();
        assertThat(id).as("id of %s is its file name", form).isEqualTo(form.getFileName().toString().replace(".form", ""));
        formIds.add(id);
      }
    }
    Matcher formRef = Pattern.compile("camunda:formRef=\"([^\"]+)\"").matcher(Files.readString(Path.of("bpmn/LeadCycle.bpmn")));
    Set<String> referenced = new HashSet<>();
    while (formRef.find()) {
      referenced.add(formRef.group(1));
    }
    assertThat(formIds).containsAll(referenced);
  }

  @Test
  void theRestApiAnswersOnlyAuthenticatedUsers() {
    ensureTeam();
    assertThat(rest.getForEntity("/engine-rest/process-definition", String.class).getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
    // (a user of its own: a failed login delays that user's next attempt, see LoginLockOutTest)
    if (identityService.createUserQuery().userId("tguessed").count() == 0) {
      User guessed = identityService.newUser("tguessed");
      guessed.setPassword(PASSWORD);
      identityService.saveUser(guessed);
    }
    assertThat(rest.withBasicAuth("tguessed", "wrong").getForEntity("/engine-rest/process-definition", String.class)
        .getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(rest.withBasicAuth("tsam", PASSWORD).getForEntity("/engine-rest/process-definition?" + PAGE, String.class)
        .getStatusCode()).isEqualTo(HttpStatus.OK);
  }

  @Test
  void tasklistAndCockpitAreServed() {
    assertThat(rest.getForEntity("/camunda/app/tasklist/default/", String.class).getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(rest.getForEntity("/camunda/app/cockpit/default/", String.class).getStatusCode()).isEqualTo(HttpStatus.OK);
    // Cockpit loads our configuration and its plugin: a card linking to the SLA dashboard
    assertThat(rest.getForEntity("/camunda/app/cockpit/scripts/config.js", String.class).getBody())
        .contains("lead-sla/dashboard-link");
    assertThat(rest.getForEntity("/camunda/app/cockpit/lead-sla/dashboard-link.js", String.class).getBody())
        .contains("cockpit.dashboard", "/api/reports/dashboard");
  }

  @Test
  void aLeadFromMarketingLandsInItsOwnersTasklistWithItsForm() {
    ensureTeam();
    String leadId = "L-app-" + System.nanoTime();
    ResponseEntity<String> submitted = post("tmark", "/engine-rest/message", """
        {"messageName": "LeadSubmitted", "businessKey": "%s",
         "processVariables": {"leadName": {"value": "Jo Doe"}, "email": {"value": "%s@acme.example"},
                              "source": {"value": "demo_request"}, "score": {"value": 60, "type": "Integer"}}}
        """.formatted(leadId, leadId));
    assertThat(submitted.getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
    String instance = runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(leadId).singleResult().getId();
    // accepted and committed; the owner and the clock come with the start job
    assertThat(runtimeService.getVariable(instance, "owner")).isNull();
    LeadCycleDriver.runStartJob(engine, instance);

    String owner = (String) runtimeService.getVariable(instance, "owner");
    assertThat(owner).isIn(identityService.createUserQuery().memberOfGroup(SalesGroups.SDR).list().stream()
        .map(User::getId).collect(Collectors.toSet()));
    String password = owner.startsWith("t") ? PASSWORD : "demo";
    ResponseEntity<String> tasks = rest.withBasicAuth(owner, password)
        .getForEntity("/engine-rest/task?" + PAGE + "&processInstanceBusinessKey=" + leadId, String.class);
    assertThat(tasks.getBody()).contains("\"taskDefinitionKey\":\"" + LeadCycleProcess.TASK_RESPOND_TO_LEAD + "\"");
    String taskId = tasks.getBody().replaceAll("(?s).*?\"id\":\"([^\"]+)\".*", "$1");
    ResponseEntity<String> form = rest.withBasicAuth(owner, password)
        .getForEntity("/engine-rest/task/" + taskId + "/deployed-form", String.class);
    assertThat(form.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(form.getBody()).contains("\"id\": \"RespondToLead\"");
    // the form shows the lead from the lead store: the instance carries no copy of its fields
    assertThat(runtimeService.getVariable(instance, "leadName")).isNull();
    ResponseEntity<String> shown = rest.withBasicAuth(owner, password)
        .getForEntity("/engine-rest/task/" + taskId + "/form-variables", String.class);
    assertThat(shown.getBody()).contains("\"leadName\":{\"type\":\"String\",\"value\":\"Jo Doe\"")
        .contains(leadId.toLowerCase() + "@acme.example").contains("\"score\":{\"type\":\"Integer\",\"value\":60");

    // the read-only fields come back with the form (or are tampered with): they change nothing
    String stage = runtimeService.createProcessInstanceQuery().superProcessInstanceId(instance).singleResult().getId();
    ResponseEntity<String> submittedForm = post(owner, password, "/engine-rest/task/" + taskId + "/submit-form", """
        {"variables": {"leadName": {"value": "Someone Else"}, "score": {"value": 99, "type": "Integer"},
                       "touchChannel": {"value": "phone"}, "touchOutcome": {"value": "connected"}}}
        """);
    assertThat(submittedForm.getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
    assertThat(runtimeService.getVariable(stage, "leadName")).isNull();
    assertThat(runtimeService.getVariable(stage, "score")).isNull();
    assertThat(runtimeService.getVariable(stage, "lastTouchOutcome")).isEqualTo("connected");
    assertThat(leads.cycleLead(leadId, 1).orElseThrow().fields().name()).isEqualTo("Jo Doe");

    // marketing started the lead, but cannot see the rep's task list entry through the API without rights to it
    ResponseEntity<String> outsider = rest.withBasicAuth("tmark", PASSWORD)
        .getForEntity("/engine-rest/task/" + taskId, String.class);
    assertThat(outsider.getStatusCode()).isIn(HttpStatus.FORBIDDEN, HttpStatus.NOT_FOUND);
  }

  @Test
  void marketingGetsTheStartFormAndManagersSeeEveryLeadInCockpit() {
    ensureTeam();
    assertThat(rest.withBasicAuth("tmark", PASSWORD)
        .getForEntity("/engine-rest/process-definition/key/LeadCycle/deployed-start-form", String.class).getBody())
        .contains("\"id\": \"StartLead\"");
    String leadId = "L-cockpit-" + System.nanoTime();
    assertThat(post("tmark", "/engine-rest/message", """
        {"messageName": "LeadSubmitted", "businessKey": "%s",
         "processVariables": {"leadName": {"value": "Jo"}, "email": {"value": "%s@acme.example"},
                              "source": {"value": "referral"}}}
        """.formatted(leadId, leadId)).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);

    assertThat(rest.withBasicAuth("tmaria", PASSWORD)
        .getForEntity("/engine-rest/process-definition/key/LeadCycle/xml", String.class).getStatusCode())
        .isEqualTo(HttpStatus.OK);
    assertThat(rest.withBasicAuth("tmaria", PASSWORD)
        .getForEntity("/engine-rest/process-instance?" + PAGE + "&businessKey=" + leadId, String.class).getBody())
        .contains(leadId);
    // a rep sees their own tasks, not the whole pipeline
    assertThat(rest.withBasicAuth("tsara", PASSWORD)
        .getForEntity("/engine-rest/process-instance?" + PAGE + "&businessKey=" + leadId, String.class).getBody())
        .isEqualTo("[]");
  }

  @Test
  void marketingWatchesTheNurturePoolButNotThePipeline() {
    ensureTeam();
    String leadId = "L-nurtured-" + System.nanoTime();
    runtimeService.createMessageCorrelation(LeadNurtureProcess.MESSAGE_LEAD_NURTURED).processInstanceBusinessKey(leadId)
        .setVariables(Map.of("leadId", leadId, "tier", "T2", "score", 60, "nurturedCycle", 1))
        .correlateStartMessage();

    assertThat(rest.withBasicAuth("tmark", PASSWORD).getForEntity(
        "/engine-rest/process-instance?" + PAGE + "&processDefinitionKey=LeadNurture&businessKey=" + leadId, String.class).getBody())
        .contains(leadId);
    assertThat(rest.withBasicAuth("tmark", PASSWORD)
        .getForEntity("/engine-rest/process-instance?" + PAGE + "&processDefinitionKey=LeadCycle", String.class).getBody())
        .isEqualTo("[]");
  }

  @Test
  void aRepSetsThemselvesAwayWithTheirOwnLogin() {
    ensureTeam();
    HttpHeaders json = new HttpHeaders();
    json.setContentType(MediaType.APPLICATION_JSON);

    ResponseEntity<String> away = rest.withBasicAuth("tsara", PASSWORD).exchange("/team/me/away", HttpMethod.PUT,
        new HttpEntity<>("{\"away\": true}", json), String.class);
    assertThat(away.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(identityService.getUserInfo("tsara", "away")).isEqualTo("true");
    assertThat(rest.withBasicAuth("tsara", PASSWORD).getForEntity("/team/me/away", String.class).getBody())
        .contains("\"away\":true");
    assertThat(rest.withBasicAuth("tsara", PASSWORD).exchange("/team/me/away", HttpMethod.PUT,
        new HttpEntity<>("{\"away\": \"maybe\"}", json), String.class).getStatusCode().value()).isEqualTo(422);
    assertThat(rest.exchange("/team/me/away", HttpMethod.PUT, new HttpEntity<>("{\"away\": false}", json),
        String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    // (a wrong password for a real user would throttle that user's next logins, so try an unknown one)
    assertThat(rest.withBasicAuth("tnobody", "wrong").getForEntity("/team/me/away", String.class).getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);

    rest.withBasicAuth("tsara", PASSWORD).exchange("/team/me/away", HttpMethod.PUT,
        new HttpEntity<>("{\"away\": false}", json), String.class);
    assertThat(identityService.getUserInfo("tsara", "away")).isEqualTo("false");
  }

  @Test
  void aChangeMadeWithTheBrowsersSessionNeedsItsCsrfToken() throws Exception {
    ensureTeam();
    String session = webappSession("tsara", "tasklist");
    HttpClient http = HttpClient.newHttpClient();
    // the webapps hand the session its token on its next page
    HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(rest.getRootUri()
        + "/camunda/api/engine/engine/default/user/tsara/profile")).header("Cookie", "JSESSIONID=" + session)
        .GET().build(), HttpResponse.BodyHandlers.ofString());
    String token = page.headers().firstValue("X-XSRF-TOKEN").orElseGet(() -> {
      HttpHeaders headers = new HttpHeaders();
      page.headers().map().forEach(headers::addAll);
      return cookie(headers, "XSRF-TOKEN");
    });
    java.util.function.BiFunction<String, String, HttpResponse<String>> away = (csrf, origin) -> {
      HttpRequest.Builder put = HttpRequest.newBuilder(URI.create(rest.getRootUri() + "/team/me/away"))
          .header("Cookie", "JSESSIONID=" + session).header("Content-Type", "application/json")
          .PUT(HttpRequest.BodyPublishers.ofString("{\"away\": true}"));
      if (csrf != null) {
        put.header("X-XSRF-TOKEN", csrf);
      }
      if (origin != null) {
        put.header("Origin", origin);
      }
      try {
        return http.send(put.build(), HttpResponse.BodyHandlers.ofString());
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    };

    HttpResponse<String> fromElsewhere = away.apply(null, "https://evil.example");
    assertThat(fromElsewhere.statusCode()).isEqualTo(403);
    assertThat(fromElsewhere.body()).contains("X-XSRF-TOKEN");
    assertThat(away.apply("not-the-token", null).statusCode()).isEqualTo(403);
    assertThat(identityService.getUserInfo("tsara", "away")).isNotEqualTo("true");
    assertThat(away.apply(token, null).statusCode()).isEqualTo(200);
    assertThat(identityService.getUserInfo("tsara", "away")).isEqualTo("true");
    identityService.setUserInfo("tsara", "away", "false");
  }

  @Test
  void prometheusScrapesCountersAndGaugesWithAManagersLogin() {
    ensureTeam();
    String leadId = "L-metrics-" + System.nanoTime();
    submitOverRest(leadId, "webinar");
    LeadCycleDriver.runStartJob(engine,
        runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(leadId).singleResult().getId());

    ResponseEntity<String> scrape = rest.withBasicAuth("tmaria", PASSWORD).getForEntity("/actuator/prometheus",
        String.class);
    assertThat(scrape.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(scrape.getBody())
        .containsPattern("leadsla_leads_in_total\\{[^}]*source=\"webinar\"[^}]*\\} [1-9]")
        .containsPattern("leadsla_leads_open\\{[^}]*stage=\"response\"[^}]*\\} [1-9]")
        .contains("leadsla_leads_oldest_waiting_seconds", "leadsla_jobs_due", "camunda_job_executor_total");
    assertThat(rest.withBasicAuth("tsam", PASSWORD).getForEntity("/actuator/prometheus", String.class)
        .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(rest.getForEntity("/actuator/prometheus", String.class).getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(rest.getForEntity("/actuator/health", String.class).getStatusCode()).isEqualTo(HttpStatus.OK);
  }

  /** Logs into a Camunda webapp as a browser would (CSRF token and all) and returns the session cookie. */
  String webappSession(String user, String app) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    HttpResponse<String> page = http.send(HttpRequest.newBuilder(
        URI.create(rest.getRootUri() + "/camunda/app/" + app + "/default/")).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    HttpHeaders appHeaders = new HttpHeaders();
    page.headers().map().forEach(appHeaders::addAll);
    String xsrf = cookie(appHeaders, "XSRF-TOKEN");
    HttpResponse<String> login = http.send(HttpRequest.newBuilder(
            URI.create(rest.getRootUri() + "/camunda/api/admin/auth/user/default/login/" + app))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .header("Cookie", "XSRF-TOKEN=" + xsrf + "; JSESSIONID=" + cookie(appHeaders, "JSESSIONID"))
        .header("X-XSRF-TOKEN", xsrf)
        .POST(HttpRequest.BodyPublishers.ofString("username=" + user + "&password=" + PASSWORD))
        .build(), HttpResponse.BodyHandlers.ofString());
    assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
    HttpHeaders loginHeaders = new HttpHeaders();
    login.headers().map().forEach(loginHeaders::addAll);
    return cookie(loginHeaders, "JSESSIONID");
  }

  static String cookie(HttpHeaders headers, String name) {
    return headers.getOrEmpty(HttpHeaders.SET_COOKIE).stream().filter(c -> c.startsWith(name + "="))
        .map(c -> c.substring(name.length() + 1, c.indexOf(';') < 0 ? c.length() : c.indexOf(';')))
        .findFirst().orElseThrow(() -> new AssertionError("no " + name + " cookie in " + headers));
  }

  @Test
  void aManagerLoggedIntoCockpitOpensTheDashboardWithoutASecondLogin() throws Exception {
    ensureTeam();
    HttpHeaders manager = new HttpHeaders();
    manager.add(HttpHeaders.COOKIE, "JSESSIONID=" + webappSession("tmaria", "cockpit"));
    ResponseEntity<String> dashboard = rest.exchange("/api/reports/dashboard", HttpMethod.GET,
        new HttpEntity<>(manager), String.class);
    assertThat(dashboard.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(dashboard.getBody()).contains("Lead SLA dashboard");

    HttpHeaders rep = new HttpHeaders();
    rep.add(HttpHeaders.COOKIE, "JSESSIONID=" + webappSession("tsam", "tasklist"));
    assertThat(rest.exchange("/api/reports/summary?from=2026-04-01&to=2026-04-02", HttpMethod.GET,
        new HttpEntity<>(rep), String.class).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(rest.getForEntity("/api/reports/dashboard", String.class).getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
  }

  @Test
  void anInvalidLeadIsRefusedAndStartsNothing() {
    ensureTeam();
    long before = runtimeService.createProcessInstanceQuery().processDefinitionKey(LeadCycleProcess.KEY).count();
    ResponseEntity<String> refused = post("tmark", "/engine-rest/message", """
        {"messageName": "LeadSubmitted", "businessKey": "L-bad",
         "processVariables": {"leadName": {"value": "Jo"}, "email": {"value": "not an email"},
                              "source": {"value": "webinar"}}}
        """);
    assertThat(refused.getStatusCode().is4xxClientError()).as("status %s", refused.getStatusCode()).isTrue();
    assertThat(refused.getBody()).contains("not a valid e-mail address");
    assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey(LeadCycleProcess.KEY).count())
        .isEqualTo(before);
  }

  /** Lead numbers are the application's, and a start naming another lead's id cannot rewrite that lead. */
  @Test
  void aStartCannotTakeALeadNumberOrAnotherLeadsId() {
    WaitingLead other = waitingLead();
    String name = leads.cycleLead(other.leadId(), 1).orElseThrow().fields().name();
    ResponseEntity<String> numbered = post("tmark", "/engine-rest/message", """
        {"messageName": "LeadSubmitted", "businessKey": "L-424242",
         "processVariables": {"leadName": {"value": "Jo Number"}, "email": {"value": "jo.number@acme.example"},
                              "source": {"value": "webinar"}}}
        """);
    assertThat(numbered.getStatusCode().is4xxClientError()).as(numbered.getBody()).isTrue();
    assertThat(numbered.getBody()).contains("of the form Lead SLA gives new leads");
    ResponseEntity<String> hijack = post("tmark", "/engine-rest/message", """
        {"messageName": "LeadSubmitted", "businessKey": "%s",
         "processVariables": {"leadName": {"value": "Someone Else"}, "email": {"value": "else@acme.example"},
                              "source": {"value": "webinar"}}}
        """.formatted(other.leadId()));
    assertThat(hijack.getStatusCode().is4xxClientError()).as(hijack.getBody()).isTrue();
    assertThat(hijack.getBody()).contains("belongs to another e-mail address");
    assertThat(leads.cycleLead(other.leadId(), 1).orElseThrow().fields().name()).isEqualTo(name);
  }

  @Autowired javax.sql.DataSource dataSource;

  @Test
  void theJobTableHasADueDateIndexForTheJobExecutor() throws Exception {
    Set<String> indexes = new HashSet<>();
    try (var connection = dataSource.getConnection()) {
      for (String table : List.of("ACT_RU_JOB", "act_ru_job")) {
        try (var rs = connection.getMetaData().getIndexInfo(null, null, table, false, false)) {
          while (rs.next()) {
            if (rs.getString("INDEX_NAME") != null) {
              indexes.add(rs.getString("INDEX_NAME").toLowerCase());
            }
          }
        }
      }
    }
    assertThat(indexes).contains("leadsla_idx_job_duedate");
  }

  /** A lead of a rep waiting in its response stage: its cycle, its stage, its task, its owner. */
  record WaitingLead(String leadId, String instance, String stage, String taskId, String owner) {}

  WaitingLead waitingLead() {
    ensureTeam();
    String leadId = "L-guard-" + System.nanoTime();
    submitOverRest(leadId, "demo_request");
    String instance = runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(leadId)
        .processDefinitionKey(LeadCycleProcess.KEY).singleResult().getId();
    LeadCycleDriver.runStartJob(engine, instance);
    String stage = runtimeService.createProcessInstanceQuery().superProcessInstanceId(instance).singleResult().getId();
    var task = engine.getTaskService().createTaskQuery().processInstanceId(stage).singleResult();
    return new WaitingLead(leadId, instance, stage, task.getId(), task.getAssignee());
  }

  /** Marketing sends a lead (score 60) over the engine's REST API, as a form tool would. */
  void submitOverRest(String leadId, String source) {
    assertThat(post("tmark", "/engine-rest/message", """
        {"messageName": "LeadSubmitted", "businessKey": "%s",
         "processVariables": {"leadName": {"value": "Jo Doe"}, "email": {"value": "%s@acme.example"},
                              "source": {"value": "%s"}, "score": {"value": 60, "type": "Integer"}}}
        """.formatted(leadId, leadId, source)).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
  }

  String passwordOf(String user) {
    return user.startsWith("t") ? PASSWORD : "demo";
  }

  @Test
  void aTaskFormWritesOnlyItsOwnFieldsAndRefusesTheRestWithA400ThatNamesThem() {
    WaitingLead lead = waitingLead();
    String submitForm = "/engine-rest/task/" + lead.taskId() + "/submit-form";

    ResponseEntity<String> handedOver = post(lead.owner(), passwordOf(lead.owner()), submitForm, """
        {"variables": {"touchChannel": {"value": "phone"}, "touchOutcome": {"value": "connected"},
                       "owner": {"value": "tamy"}, "touchCount": {"value": 9, "type": "Integer"}}}
        """);
    assertThat(handedOver.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(handedOver.getBody()).contains("owner is not a field of the form RespondToLead")
        .contains("touchCount is not a field").contains("touchChannel, touchOutcome, touchNote");
    ResponseEntity<String> badValue = post(lead.owner(), passwordOf(lead.owner()), submitForm, """
        {"variables": {"touchChannel": {"value": "carrier pigeon"}, "touchOutcome": {"value": "connected"},
                       "touchNote": {"value": "%s"}}}
        """.formatted("x".repeat(2001)));
    assertThat(badValue.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(badValue.getBody()).contains("touchChannel must be one of phone, email")
        .contains("touchNote is longer than 2000 characters");
    // what the task's listener refuses is a 400 with its sentence too, not a 500 with the engine's insides
    ResponseEntity<String> incomplete = post(lead.owner(), passwordOf(lead.owner()), submitForm,
        "{\"variables\": {\"touchChannel\": {\"value\": \"phone\"}}}");
    assertThat(incomplete.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(incomplete.getBody()).contains("touchOutcome").doesNotContain("${").doesNotContain("Exception while");

    assertThat(runtimeService.getVariable(lead.stage(), "owner")).as("refused submissions change nothing")
        .isEqualTo(lead.owner());
    assertThat(runtimeService.getVariable(lead.stage(), "touchChannel")).isNull();

    // a field the form only shows comes back from Tasklist: dropped, never written
    assertThat(post(lead.owner(), passwordOf(lead.owner()), submitForm, """
        {"variables": {"touchChannel": {"value": "phone"}, "touchOutcome": {"value": "no_answer"},
                       "cycle": {"value": 9, "type": "Integer"}, "score": {"value": 99, "type": "Integer"}}}
        """).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
    assertThat(runtimeService.getVariable(lead.stage(), "cycle")).isEqualTo(1);
    assertThat(runtimeService.getVariable(lead.stage(), "touchCount")).isEqualTo(1);   // the accepted touch
    assertThat(leads.cycleLead(lead.leadId(), 1).orElseThrow().fields().score()).isEqualTo(60);
  }

  @Test
  void outsideItsFormNoRepOrManagerWritesALeadsVariablesOrModifiesItsInstance() throws Exception {
    WaitingLead lead = waitingLead();
    String owner = lead.owner();
    HttpHeaders json = new HttpHeaders();
    json.setContentType(MediaType.APPLICATION_JSON);
    Map<String, ResponseEntity<String>> attempts = new LinkedHashMap<>();
    attempts.put("task variable", rest.withBasicAuth(owner, passwordOf(owner)).exchange(
        "/engine-rest/task/" + lead.taskId() + "/variables/owner", HttpMethod.PUT,
        new HttpEntity<>("{\"value\": \"tamy\"}", json), String.class));
    attempts.put("complete with variables", post(owner, passwordOf(owner),
        "/engine-rest/task/" + lead.taskId() + "/complete",
        "{\"variables\": {\"touchChannel\": {\"value\": \"phone\"}, \"touchOutcome\": {\"value\": \"connected\"}, "
            + "\"owner\": {\"value\": \"tamy\"}}}"));
    attempts.put("trailing slash", post(owner, passwordOf(owner),
        "/engine-rest/task/" + lead.taskId() + "/localVariables/", "{\"modifications\": {\"owner\": {\"value\": \"tamy\"}}}"));
    attempts.put("due date", rest.withBasicAuth("tmaria", PASSWORD).exchange("/engine-rest/task/" + lead.taskId(),
        HttpMethod.PUT, new HttpEntity<>("{\"name\": \"Respond to lead\", \"due\": \"2030-01-01T00:00:00.000+0000\"}", json),
        String.class));
    attempts.put("instance variables", post("tmaria", "/engine-rest/process-instance/" + lead.instance() + "/variables",
        "{\"modifications\": {\"owner\": {\"value\": \"tamy\"}}}"));
    attempts.put("modification", post("tmaria", "/engine-rest/process-instance/" + lead.stage() + "/modification",
        "{\"instructions\": [{\"type\": \"startBeforeActivity\", \"activityId\": \"EndEvent_ManagerUnqualified\"}]}"));
    attempts.put("another message", post("tmark", "/engine-rest/message",
        "{\"messageName\": \"LeadReturned\", \"businessKey\": \"" + lead.leadId() + "\"}"));
    HttpHeaders tasklist = new HttpHeaders();
    String session = webappSession(owner.startsWith("t") ? owner : "tsam", "tasklist");
    tasklist.add(HttpHeaders.COOKIE, "JSESSIONID=" + session);
    tasklist.setContentType(MediaType.APPLICATION_JSON);
    attempts.put("Tasklist's mount", rest.exchange("/camunda/api/engine/engine/default/task/" + lead.taskId()
        + "/variables/owner", HttpMethod.PUT, new HttpEntity<>("{\"value\": \"tamy\"}", tasklist), String.class));

    attempts.forEach((what, answer) -> {
      assertThat(answer.getStatusCode()).as("%s: %s", what, answer.getBody()).isEqualTo(HttpStatus.FORBIDDEN);
      assertThat(answer.getHeaders().getContentType().toString()).as(what).startsWith("application/problem+json");
    });
    assertThat(engine.getTaskService().createTaskQuery().taskId(lead.taskId()).singleResult().getDueDate())
        .isBefore(java.sql.Timestamp.valueOf("2030-01-01 00:00:00"));
    assertThat(runtimeService.getVariable(lead.stage(), "owner")).isEqualTo(owner);
    assertThat(runtimeService.getVariable(lead.instance(), "owner")).isEqualTo(owner);
    assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(lead.stage()).count()).isEqualTo(1);
  }

  @Test
  void leadsStartOnlyThroughIntakeNotWithStartInstructions() {
    WaitingLead other = waitingLead();
    long before = runtimeService.createProcessInstanceQuery().processDefinitionKey(LeadCycleProcess.KEY).count();
    ResponseEntity<String> unqualifyAnother = post("tmark",
        "/engine-rest/process-definition/key/" + LeadCycleProcess.KEY + "/start", """
        {"businessKey": "%s", "variables": {"leadId": {"value": "%s"}},
         "startInstructions": [{"type": "startBeforeActivity", "activityId": "EndEvent_Unqualified"}]}
        """.formatted(other.leadId(), other.leadId()));
    ResponseEntity<String> skipListeners = post("tsam",
        "/engine-rest/process-definition/key/" + LeadCycleProcess.KEY + "/start",
        "{\"skipCustomListeners\": true, \"variables\": {}}");

    assertThat(unqualifyAnother.getStatusCode()).as(unqualifyAnother.getBody()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(unqualifyAnother.getBody()).contains("Leads start only through intake");
    assertThat(skipListeners.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey(LeadCycleProcess.KEY).count())
        .isEqualTo(before);
    assertThat(leads.cycleLead(other.leadId(), 1).orElseThrow().tier()).isNotNull();
    assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceId(other.instance())
        .singleResult().getEndTime()).as("the other rep's lead runs on").isNull();
  }

  @Test
  void badInputGetsAClear4xxNeverA500AndChangesNothing() {
    WaitingLead lead = waitingLead();
    String owner = lead.owner();
    // a task done in another tab, or never there
    for (String call : List.of("/engine-rest/task/no-such-task/submit-form", "/engine-rest/task/no-such-task/complete")) {
      ResponseEntity<String> gone = post(owner, passwordOf(owner), call, "{\"variables\": {}}");
      assertThat(gone.getStatusCode()).as(call).isEqualTo(HttpStatus.BAD_REQUEST);
      assertThat(gone.getBody()).contains("the task is not open");
    }
    assertThat(rest.withBasicAuth(owner, passwordOf(owner)).getForEntity("/engine-rest/task/no-such-task", String.class)
        .getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    // a serialized object where the form takes text: refused unread, nothing written
    ResponseEntity<String> serialized = post(owner, passwordOf(owner), "/engine-rest/task/" + lead.taskId()
        + "/submit-form", """
        {"variables": {"touchOutcome": {"value": "connected"}, "touchChannel": {"value": "rO0ABXQAA2Zvbw==",
          "type": "Object", "valueInfo": {"objectTypeName": "java.lang.String",
          "serializationDataFormat": "application/x-java-serialized-object"}}}}
        """);
    assertThat(serialized.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(serialized.getBody()).contains("touchChannel takes a plain value");
    assertThat(engine.getTaskService().createTaskQuery().taskId(lead.taskId()).count()).isEqualTo(1);
    assertThat(runtimeService.getVariable(lead.stage(), "touchChannel")).isNull();
    // a combination that cannot have happened: an e-mail sent by phone
    ResponseEntity<String> impossible = post(owner, passwordOf(owner), "/engine-rest/task/" + lead.taskId()
        + "/submit-form", """
        {"variables": {"touchChannel": {"value": "phone"}, "touchOutcome": {"value": "email_sent"}}}
        """);
    assertThat(impossible.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(impossible.getBody()).contains("email_sent happens only on the channel email, not phone");
    assertThat(engine.getTaskService().createTaskQuery().taskId(lead.taskId()).count()).isEqualTo(1);
    // malformed JSON, to the engine's API and to ours
    assertThat(post(owner, passwordOf(owner), "/engine-rest/task", "{\"orQueries\": [{").getStatusCode())
        .isEqualTo(HttpStatus.BAD_REQUEST);
    HttpHeaders json = new HttpHeaders();
    json.setContentType(MediaType.APPLICATION_JSON);
    ResponseEntity<String> ours = rest.withBasicAuth(owner, passwordOf(owner)).exchange("/team/me/away", HttpMethod.PUT,
        new HttpEntity<>("{\"away\": tru", json), String.class);
    assertThat(ours.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(ours.getHeaders().getContentType().toString()).startsWith("application/problem+json");
    // the error page called on its own, with or without a login
    for (ResponseEntity<String> error : List.of(rest.getForEntity("/error", String.class),
        rest.postForEntity("/error", null, String.class),
        rest.withBasicAuth(owner, passwordOf(owner)).getForEntity("/error", String.class))) {
      assertThat(error.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
      assertThat(error.getHeaders().getContentType().toString()).startsWith("application/problem+json");
    }
  }

  /** A caller's query never evaluates an expression: neither at its top nor in its orQueries, nor a filter's. */
  @Test
  void noCallersQueryEvaluatesAnExpression() {
    WaitingLead lead = waitingLead();
    String owner = lead.owner();
    String expression = "${currentUser()}";
    ResponseEntity<String> top = rest.withBasicAuth(owner, passwordOf(owner)).getForEntity(URI.create(
        rest.getRootUri() + "/engine-rest/task?" + PAGE + "&assigneeExpression=%24%7BcurrentUser()%7D"), String.class);
    assertThat(top.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(top.getBody()).as("our guard's answer, not only the engine's").contains(
        "Expressions are forbidden in queries: assigneeExpression");
    ResponseEntity<String> nested = post(owner, passwordOf(owner), "/engine-rest/task?firstResult=0&maxResults=10",
        "{\"orQueries\": [{\"assigneeExpression\": \"" + expression + "\"}]}");
    assertThat(nested.getStatusCode()).as(nested.getBody()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(nested.getBody()).contains("Expressions are forbidden");
    // a filter is a stored query: only admins create them
    assertThat(post(owner, passwordOf(owner), "/engine-rest/filter/create", """
        {"resourceType": "Task", "name": "mine", "query": {"assigneeExpression": "%s"}}
        """.formatted(expression)).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    // and a stored one, run with an extending query of the caller's, does not evaluate the caller's part
    String filter = engine.getFilterService().createFilterQuery().filterName("Team queue").singleResult().getId();
    ResponseEntity<String> extended = post("tmaria", "/engine-rest/filter/" + filter + "/list?firstResult=0&maxResults=10",
        "{\"assigneeExpression\": \"" + expression + "\"}");
    assertThat(extended.getStatusCode()).as(extended.getBody()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(extended.getBody()).contains("Expressions are forbidden in queries");
    // nor in a filter's extending orQueries, its count, a count of tasks, or under another spelling of the path
    for (String call : List.of("/engine-rest/filter/" + filter + "/list?firstResult=0&maxResults=10",
        "/engine-rest/filter/" + filter + "/count", "/engine-rest/task/count")) {
      ResponseEntity<String> nestedInFilter = post(owner, passwordOf(owner), call,
          "{\"orQueries\": [{\"assigneeExpression\": \"" + expression + "\"}]}");
      assertThat(nestedInFilter.getStatusCode()).as(call).isEqualTo(HttpStatus.BAD_REQUEST);
    }
    ResponseEntity<String> encodedPath = rest.withBasicAuth(owner, passwordOf(owner)).getForEntity(URI.create(
        rest.getRootUri() + "/engine-rest/%74ask?" + PAGE + "&assigneeExpression=%24%7BcurrentUser()%7D"), String.class);
    assertThat(encodedPath.getStatusCode().is4xxClientError()).isTrue();
    assertThat(encodedPath.getBody()).doesNotContain("\"id\"");
    // a body the guard cannot read does not reach the engine either
    HttpHeaders ebcdic = new HttpHeaders();
    ebcdic.set(HttpHeaders.CONTENT_TYPE, "application/json; charset=IBM037");
    assertThat(rest.withBasicAuth(owner, passwordOf(owner)).exchange("/engine-rest/filter/" + filter + "/list",
        HttpMethod.POST, new HttpEntity<>("{\"orQueries\": []}".getBytes(java.nio.charset.Charset.forName("IBM037")),
            ebcdic), String.class).getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(post(owner, passwordOf(owner), "/engine-rest/filter/" + filter + "/list", "not json")
        .getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
  }

  /** Java serialization stays off: not even an admin stores a Java-serialized variable. */
  @Test
  void noVariableIsEverStoredWithJavaSerialization() {
    WaitingLead lead = waitingLead();
    ensureAdmin();
    HttpHeaders json = new HttpHeaders();
    json.setContentType(MediaType.APPLICATION_JSON);
    ResponseEntity<String> answer = rest.withBasicAuth("tadmin", PASSWORD).exchange("/engine-rest/process-instance/"
        + lead.instance() + "/variables/payload", HttpMethod.PUT, new HttpEntity<>("""
        {"value": "rO0ABXQAA2Zvbw==", "type": "Object", "valueInfo": {"objectTypeName": "java.lang.String",
          "serializationDataFormat": "application/x-java-serialized-object"}}
        """, json), String.class);
    assertThat(answer.getStatusCode().is4xxClientError()).as("%s %s", answer.getStatusCode(), answer.getBody()).isTrue();
    assertThat(answer.getBody()).contains("serialization");
    assertThat(runtimeService.createVariableInstanceQuery().processInstanceIdIn(lead.instance()).variableName("payload")
        .count()).isZero();
  }

  void ensureAdmin() {
    if (identityService.createUserQuery().userId("tadmin").count() == 0) {
      User admin = identityService.newUser("tadmin");
      admin.setPassword(PASSWORD);
      identityService.saveUser(admin);
      identityService.createMembership("tadmin", "camunda-admin");
    }
  }

  /** Touch notes are read again: in the lead's next task form and over the timeline API, by those who may see it. */
  @Test
  void theLeadsTimelineShowsEarlierTouchesToThoseWhoMayReadTheLead() {
    WaitingLead lead = waitingLead();
    String owner = lead.owner();
    String timeline = "/api/leads/" + lead.leadId() + "/timeline";
    ResponseEntity<String> form = rest.withBasicAuth(owner, passwordOf(owner))
        .getForEntity("/engine-rest/task/" + lead.taskId() + "/form-variables", String.class);
    assertThat(form.getBody()).contains("\"timeline\"", "Arrived via", "Assigned to " + owner);
    // in the zone the viewer set for themselves in Admin (user info timeZone), else the team's (UTC here)
    assertThat(form.getBody()).contains(" UTC · cycle 1 · Arrived via");
    identityService.setUserInfo(owner, "timeZone", "Asia/Tokyo");
    try {
      assertThat(rest.withBasicAuth(owner, passwordOf(owner)).getForEntity("/engine-rest/task/" + lead.taskId()
          + "/form-variables", String.class).getBody()).contains(" JST · cycle 1 · Arrived via");
    } finally {
      identityService.deleteUserInfo(owner, "timeZone");
    }

    assertThat(post(owner, passwordOf(owner), "/engine-rest/task/" + lead.taskId() + "/submit-form", """
        {"variables": {"touchChannel": {"value": "phone"}, "touchOutcome": {"value": "connected"},
                       "touchNote": {"value": "Wants a demo, call back Tuesday"}}}
        """).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);

    ResponseEntity<String> ownersView = rest.withBasicAuth(owner, passwordOf(owner)).getForEntity(timeline, String.class);
    assertThat(ownersView.getStatusCode()).as(ownersView.getBody()).isEqualTo(HttpStatus.OK);
    assertThat(ownersView.getBody()).contains("\"leadId\":\"" + lead.leadId() + "\"", "\"kind\":\"ARRIVED\"",
        "\"kind\":\"ASSIGNED\"", "\"kind\":\"CLOCK_STARTED\"", "\"kind\":\"TOUCH\"",
        "phone, connected: Wants a demo, call back Tuesday", "\"by\":\"" + owner + "\"");
    assertThat(rest.withBasicAuth("tmaria", PASSWORD).getForEntity(timeline, String.class).getStatusCode())
        .isEqualTo(HttpStatus.OK);
    String otherRep = owner.equals("tsam") ? "tsara" : "tsam";
    ResponseEntity<String> otherRepsView = rest.withBasicAuth(otherRep, PASSWORD).getForEntity(timeline, String.class);
    assertThat(otherRepsView.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(otherRepsView.getBody()).doesNotContain("Wants a demo");
    assertThat(rest.withBasicAuth("tmark", PASSWORD).getForEntity(timeline, String.class).getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(rest.getForEntity(timeline, String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(rest.withBasicAuth("tmaria", PASSWORD).getForEntity("/api/leads/L-nobody/timeline", String.class)
        .getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);

    // whoever works the lead next reads the note in the form
    List<String> family = LeadCycleDriver.family(engine, lead.instance());
    for (int round = 0; round < 5 && engine.getTaskService().createTaskQuery()
        .processInstanceIdIn(family.toArray(String[]::new)).count() == 0; round++) {
      // the lead's steps; its mails fail here (no mail server in this test) and are left alone
      family.forEach(id -> engine.getManagementService().createJobQuery().processInstanceId(id).messages().list()
          .forEach(job -> {
            try {
              engine.getManagementService().executeJob(job.getId());
            } catch (org.camunda.bpm.engine.ProcessEngineException mailFailed) {
              // retried by the job executor where there is one
            }
          }));
      family = LeadCycleDriver.family(engine, lead.instance());
    }
    var next = engine.getTaskService().createTaskQuery().processInstanceBusinessKey(lead.leadId()).listPage(0, 1);
    assertThat(next).as("the lead's next task").isNotEmpty();
    assertThat(rest.withBasicAuth("tmaria", PASSWORD).getForEntity("/engine-rest/task/" + next.get(0).getId()
        + "/form-variables", String.class).getBody()).contains("Wants a demo, call back Tuesday");
  }

  /**
   * The link in every mail opens the lead's task open now for the reader: the owner's work task, a manager's
   * intervention once the SLA was missed; and the managers' Missed SLA filter lists both the overdue work task
   * and the intervention.
   */
  @Test
  void theMailLinkFindsTheLeadsCurrentTaskAndMissedSlaListsWhatAManagerMustSee() throws Exception {
    WaitingLead lead = waitingLead();
    String owner = lead.owner();
    String link = "/leads/" + lead.leadId() + "/task";
    HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    java.util.function.Function<String, HttpResponse<String>> open = user -> {
      try {
        return http.send(HttpRequest.newBuilder(URI.create(rest.getRootUri() + link)).header("Authorization",
            "Basic " + java.util.Base64.getEncoder().encodeToString((user + ":" + passwordOf(user)).getBytes()))
            .GET().build(), HttpResponse.BodyHandlers.ofString());
      } catch (IOException | InterruptedException e) {
        throw new IllegalStateException(e);
      }
    };
    assertThat(open.apply(owner).statusCode()).isEqualTo(303);
    assertThat(open.apply(owner).headers().firstValue("Location")).hasValue(
        "/camunda/app/tasklist/default/#/?task=" + lead.taskId() + "&" + io.leadsla.tasklist.LeadTaskLink.DUE_FIRST);
    String otherRep = owner.equals("tsam") ? "tsara" : "tsam";
    assertThat(open.apply(otherRep).headers().firstValue("Location")).as("nothing of theirs: Tasklist's list")
        .hasValue("/camunda/app/tasklist/default/");
    assertThat(http.send(HttpRequest.newBuilder(URI.create(rest.getRootUri() + link)).GET().build(),
        HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
    for (String spelling : List.of(link + ";x", "/api/leads/" + lead.leadId() + "/timeline;x")) {
      assertThat(http.send(HttpRequest.newBuilder(URI.create(rest.getRootUri() + spelling)).GET().build(),
          HttpResponse.BodyHandlers.ofString()).statusCode()).as(spelling).isEqualTo(401);
    }

    // the SLA is missed: the breach timer opens the managers' intervention
    var management = engine.getManagementService();
    var breach = management.createJobQuery().processInstanceId(lead.stage())
        .activityId(io.leadsla.sla.SlaStageProcess.BREACH_TIMER).singleResult();
    java.util.Date due = breach.getDuedate();
    management.executeJob(breach.getId());
    var intervention = engine.getTaskService().createTaskQuery().processInstanceId(lead.stage())
        .taskDefinitionKey(io.leadsla.sla.SlaStageProcess.TASK_INTERVENE).singleResult();
    assertThat(intervention).isNotNull();
    assertThat(open.apply("tmaria").headers().firstValue("Location")).hasValue(
        "/camunda/app/tasklist/default/#/?task=" + intervention.getId() + "&" + io.leadsla.tasklist.LeadTaskLink.DUE_FIRST);
    assertThat(open.apply(owner).headers().firstValue("Location")).as("the rep still gets the work task")
        .hasValue("/camunda/app/tasklist/default/#/?task=" + lead.taskId() + "&" + io.leadsla.tasklist.LeadTaskLink.DUE_FIRST);

    String missedSla = engine.getFilterService().createFilterQuery().filterName("Missed SLA").singleResult().getId();
    org.camunda.bpm.engine.impl.util.ClockUtil.setCurrentTime(new java.util.Date(due.getTime() + 60_000));
    try {
      String listed = rest.withBasicAuth("tmaria", PASSWORD).getForEntity("/engine-rest/filter/" + missedSla
          + "/list?" + PAGE, String.class).getBody();
      assertThat(listed).contains(lead.taskId(), intervention.getId());
      String repsList = rest.withBasicAuth(owner, passwordOf(owner)).getForEntity("/engine-rest/filter/" + missedSla
          + "/list?" + PAGE, String.class).getBody();
      assertThat(repsList).contains(lead.taskId()).doesNotContain(intervention.getId());
    } finally {
      org.camunda.bpm.engine.impl.util.ClockUtil.reset();
    }

    // she picks the rep: the form offers the team's reps who may take it, and refuses one who may not
    String intervene = "/engine-rest/task/" + intervention.getId();
    assertThat(rest.withBasicAuth("tmaria", PASSWORD).getForEntity(intervene + "/form-variables", String.class)
        .getBody()).contains("\"repChoices\"", "\\\"value\\\":\\\"" + otherRep + "\\\"")
        .doesNotContain("\\\"value\\\":\\\"" + owner + "\\\"");
    ResponseEntity<String> nobody = post("tmaria", intervene + "/submit-form", """
        {"variables": {"intervention": {"value": "reassign"}, "reassignTo": {"value": "tmark"}}}
        """);
    assertThat(nobody.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(nobody.getBody()).contains("tmark cannot take this lead now");
    assertThat(post("tmaria", intervene + "/submit-form", """
        {"variables": {"intervention": {"value": "reassign"}, "reassignTo": {"value": "%s"}}}
        """.formatted(otherRep)).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
    for (int round = 0; round < 5; round++) {
      management.createJobQuery().processInstanceId(lead.stage()).messages().list().forEach(job -> {
        try {
          management.executeJob(job.getId());
        } catch (org.camunda.bpm.engine.ProcessEngineException mailFailed) {
          // mails have no server in this test
        }
      });
    }
    assertThat(runtimeService.getVariable(lead.stage(), "owner")).as("the rep she picked").isEqualTo(otherRep);
  }

  /**
   * The engine's REST API answers its errors as problems, keeping Camunda's fields for its own clients; the
   * webapps' mount keeps Camunda's format, which Tasklist and Cockpit read.
   */
  @Test
  void theEnginesRestErrorsAreProblemsWithCamundasFieldsKept() throws Exception {
    ensureTeam();
    ResponseEntity<String> unbounded = rest.withBasicAuth("tsam", PASSWORD)
        .getForEntity("/engine-rest/process-definition", String.class);
    assertThat(unbounded.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(unbounded.getHeaders().getContentType().toString()).startsWith("application/problem+json");
    assertThat(unbounded.getBody()).contains("\"status\":400", "\"title\":\"Bad Request\"",
        "\"detail\":\"An unbound number of results is forbidden!\"",
        "\"message\":\"An unbound number of results is forbidden!\"", "\"exceptionType\":\"BadUserRequestException\"");
    HttpHeaders webapp = new HttpHeaders();
    webapp.add(HttpHeaders.COOKIE, "JSESSIONID=" + webappSession("tsam", "tasklist"));
    ResponseEntity<String> tasklists = rest.exchange("/camunda/api/engine/engine/default/process-definition",
        HttpMethod.GET, new HttpEntity<>(webapp), String.class);
    assertThat(tasklists.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(tasklists.getBody()).contains("\"type\":\"BadUserRequestException\"").doesNotContain("\"detail\"");
  }

  /** Each kind of response carries the browser headers: our JSON, our problems, the engine's REST API, the webapps. */
  @Test
  void everyKindOfResponseCarriesTheSecurityHeaders() {
    ensureTeam();
    Map<String, ResponseEntity<String>> answers = new LinkedHashMap<>();
    answers.put("our JSON", rest.withBasicAuth("tsam", PASSWORD).getForEntity("/team/me/away", String.class));
    answers.put("our problem", rest.getForEntity("/api/reports/summary", String.class));
    answers.put("the error page", rest.getForEntity("/error", String.class));
    answers.put("the engine's REST API", rest.withBasicAuth("tsam", PASSWORD)
        .getForEntity("/engine-rest/process-definition?" + PAGE, String.class));
    answers.put("the engine's REST error", rest.withBasicAuth("tsam", PASSWORD)
        .getForEntity("/engine-rest/process-definition", String.class));
    answers.forEach((kind, answer) -> {
      assertThat(answer.getHeaders().getFirst("X-Content-Type-Options")).as(kind).isEqualTo("nosniff");
      assertThat(answer.getHeaders().getFirst("Referrer-Policy")).as(kind).isEqualTo("strict-origin-when-cross-origin");
      assertThat(answer.getHeaders().get("Content-Security-Policy")).as(kind).containsExactly("frame-ancestors 'none'");
    });
    assertThat(answers.get("our problem").getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(answers.get("the engine's REST error").getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    // the webapps set their own (Camunda's header security): no sniffing, a policy of their own
    ResponseEntity<String> tasklist = rest.getForEntity("/camunda/app/tasklist/default/", String.class);
    assertThat(tasklist.getHeaders().getFirst("X-Content-Type-Options")).isEqualTo("nosniff");
    assertThat(tasklist.getHeaders().getFirst("Content-Security-Policy")).contains("frame-ancestors");
  }

  /**
   * Behind a proxy that ends TLS (X-Forwarded-Proto from a private address, as Tomcat trusts by default) the
   * session cookie is Secure and browsers are told to stay on HTTPS; over plain HTTP neither.
   */
  @Test
  void behindTlsTheSessionCookieIsSecureAndHstsIsSent() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    URI tasklist = URI.create(rest.getRootUri() + "/camunda/app/tasklist/default/");
    HttpResponse<String> behindTls = http.send(HttpRequest.newBuilder(tasklist).header("X-Forwarded-Proto", "https")
        .GET().build(), HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> plain = http.send(HttpRequest.newBuilder(tasklist).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(sessionCookie(behindTls)).contains("Secure", "HttpOnly");
    assertThat(behindTls.headers().firstValue("Strict-Transport-Security")).isPresent();
    assertThat(sessionCookie(plain)).contains("HttpOnly").doesNotContain("Secure");
    assertThat(plain.headers().firstValue("Strict-Transport-Security")).isEmpty();
  }

  static String sessionCookie(HttpResponse<String> response) {
    return response.headers().allValues("Set-Cookie").stream().filter(cookie -> cookie.startsWith("JSESSIONID="))
        .findFirst().orElseThrow(() -> new AssertionError("no session cookie in " + response.headers()));
  }

  /** What each role gets for each action on someone else's lead: the expected answer of every cell. */
  @Test
  void theRoleActionMatrixHoldsCellByCell() {
    WaitingLead lead = waitingLead();
    ensureAdmin();
    String timer = engine.getManagementService().createJobQuery().processInstanceId(lead.stage()).timers()
        .listPage(0, 1).get(0).getId();
    // the lead is tsam's or another rep's: "rep" is a rep who does not own it
    String otherRep = lead.owner().equals("tsam") ? "tsara" : "tsam";
    Map<String, String> roles = new LinkedHashMap<>();
    roles.put("rep", otherRep);
    roles.put("ae", "tamy");
    roles.put("manager", "tmaria");
    roles.put("executive", "teve");
    roles.put("marketing", "tmark");
    roles.put("admin", "tadmin");
    String refused = "refused";
    String allowed = "allowed";
    // action -> expected per role (rep, ae, manager, executive, marketing, admin)
    Map<String, List<String>> expected = new LinkedHashMap<>();
    expected.put("read the lead's task", List.of(refused, refused, allowed, allowed, refused, allowed));
    expected.put("submit its form with an extra field", List.of(refused, refused, "400", refused, refused, "400"));
    expected.put("set its variable", List.of(refused, refused, refused, refused, refused, allowed));
    expected.put("start with instructions", List.of(refused, refused, refused, refused, refused, allowed));
    expected.put("execute its timer", List.of(refused, refused, refused, refused, refused, allowed));
    expected.put("create a user", List.of(refused, refused, refused, refused, refused, allowed));
    expected.put("deploy a process", List.of(refused, refused, refused, refused, refused, allowed));
    // every logged-in caller asks for a page (queryMaxResultsLimit): a 400 that says so, admin included
    expected.put("query unbounded", List.of("400", "400", "400", "400", "400", "400"));
    expected.put("query a page", List.of(allowed, allowed, allowed, allowed, allowed, allowed));
    expected.put("query a page over the limit", List.of("400", "400", "400", "400", "400", "400"));
    // history shows the lead's task to those who may see the lead: managers, executives, admins
    expected.put("read the lead in history", List.of(refused, refused, allowed, allowed, refused, allowed));

    List<String> wrong = new ArrayList<>();
    List<String> order = List.copyOf(roles.keySet());
    expected.forEach((action, cells) -> {
      for (int i = 0; i < order.size(); i++) {
        String role = order.get(i);
        // the admin's own calls change the lead: they run last, each once
        ResponseEntity<String> answer = act(action, roles.get(role), lead, timer);
        int status = answer.getStatusCode().value();
        // a query answers those who may not see the lead with an empty list
        boolean seesNothing = status == 200 && "[]".equals(answer.getBody());
        String got = status == 401 || status == 403 || status == 404 || seesNothing ? refused
            : status >= 200 && status < 300 ? allowed : Integer.toString(status);
        if (!got.equals(cells.get(i))) {
          wrong.add(action + " as " + role + ": expected " + cells.get(i) + ", got " + got + " (" + status + ")");
        }
      }
    });
    assertThat(wrong).isEmpty();
  }

  private ResponseEntity<String> act(String action, String user, WaitingLead lead, String timer) {
    HttpHeaders json = new HttpHeaders();
    json.setContentType(MediaType.APPLICATION_JSON);
    return switch (action) {
      case "read the lead's task" -> rest.withBasicAuth(user, PASSWORD)
          .getForEntity("/engine-rest/task/" + lead.taskId(), String.class);
      case "submit its form with an extra field" -> post(user, "/engine-rest/task/" + lead.taskId() + "/submit-form",
          "{\"variables\": {\"touchChannel\": {\"value\": \"phone\"}, \"owner\": {\"value\": \"" + user + "\"}}}");
      case "set its variable" -> rest.withBasicAuth(user, PASSWORD).exchange("/engine-rest/task/" + lead.taskId()
          + "/variables/matrixProbe", HttpMethod.PUT, new HttpEntity<>("{\"value\": \"" + user + "\"}", json),
          String.class);
      case "start with instructions" -> post(user, "/engine-rest/process-definition/key/" + LeadCycleProcess.KEY
          + "/start", """
          {"businessKey": "L-matrix-%s-%d", "variables": {"leadName": {"value": "Matrix Probe"},
             "email": {"value": "matrix.%s.%d@acme.example"}, "source": {"value": "webinar"}},
           "startInstructions": [{"type": "startBeforeActivity", "activityId": "Task_PrepareLead"}]}
          """.formatted(user, System.nanoTime(), user, System.nanoTime()));
      case "execute its timer" -> post(user, "/engine-rest/job/" + timer + "/execute", "");
      case "create a user" -> post(user, "/engine-rest/user/create", """
          {"profile": {"id": "matrix%s", "email": "matrix@example.com"}, "credentials": {"password": "%s"}}
          """.formatted(user, "Matrix-probe-password-1"));
      case "deploy a process" -> deploy(user, Bpmn.convertToString(Bpmn.createExecutableProcess("MatrixProbe")
          .camundaHistoryTimeToLive(1).startEvent().endEvent().done()));
      case "query unbounded" -> rest.withBasicAuth(user, PASSWORD).getForEntity(
          "/engine-rest/variable-instance?processInstanceIdIn=" + lead.stage(), String.class);
      case "query a page" -> rest.withBasicAuth(user, PASSWORD).getForEntity(
          "/engine-rest/process-definition?firstResult=0&maxResults=2000", String.class);
      case "query a page over the limit" -> rest.withBasicAuth(user, PASSWORD).getForEntity(
          "/engine-rest/process-definition?firstResult=0&maxResults=2001", String.class);
      case "read the lead in history" -> rest.withBasicAuth(user, PASSWORD).getForEntity(
          "/engine-rest/history/task?processInstanceId=" + lead.stage() + "&firstResult=0&maxResults=10", String.class);
      default -> throw new IllegalArgumentException(action);
    };
  }

  /** A deployment of one BPMN file over the engine's REST API, as the Modeler sends it. */
  ResponseEntity<String> deploy(String user, String bpmn) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.MULTIPART_FORM_DATA);
    org.springframework.util.LinkedMultiValueMap<String, Object> parts = new org.springframework.util.LinkedMultiValueMap<>();
    parts.add("deployment-name", "matrix-probe");
    parts.add("data", new org.springframework.core.io.ByteArrayResource(bpmn.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
      @Override
      public String getFilename() {
        return "MatrixProbe.bpmn";
      }
    });
    return rest.withBasicAuth(user, PASSWORD).exchange("/engine-rest/deployment/create", HttpMethod.POST,
        new HttpEntity<>(parts, headers), String.class);
  }

  ResponseEntity<String> post(String user, String path, String json) {
    return post(user, PASSWORD, path, json);
  }

  ResponseEntity<String> post(String user, String password, String path, String json) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    return rest.withBasicAuth(user, password).exchange(path, HttpMethod.POST, new HttpEntity<>(json, headers), String.class);
  }

}

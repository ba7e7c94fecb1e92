package io.leadsla.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Every endpoint of the running application called without credentials: ours (every request mapping there is),
 * the engine's REST API on both its mounts, the webapps' own APIs, actuator. Only the public ones listed here
 * answer; everything else is 401 or 403 (or, for what does not exist to strangers, 404).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.datasource.url=jdbc:h2:mem:leadsla-endpoints;DB_CLOSE_DELAY=-1",
    "camunda.bpm.job-execution.enabled=false"
})
class EveryEndpointNeedsALoginTest {

  /** Meant to be public: the lead form, the API's description (and its Swagger UI), health for load balancers. */
  static final Set<String> PUBLIC = Set.of(
      "GET /forms/lead", "POST /forms/lead", "GET /api/openapi", "GET /swagger-ui/index.html",
      "GET /actuator/health", "GET /actuator/health/liveness", "GET /actuator/health/readiness");
  /** The API description's other formats and the Swagger UI's redirects: public or not, they change nothing. */
  static final List<String> DESCRIPTION = List.of("GET /api/openapi", "GET /swagger-ui");

  /** The engine's and the webapps' APIs, a few of each kind of resource. */
  static final List<String> CAMUNDA = List.of("GET /api/openapi", "GET /swagger-ui/index.html",
      "GET /engine-rest/task", "POST /engine-rest/task", "GET /engine-rest/process-instance",
      "POST /engine-rest/process-definition/key/LeadCycle/start", "POST /engine-rest/message",
      "GET /engine-rest/history/process-instance", "GET /engine-rest/variable-instance", "GET /engine-rest/user",
      "POST /engine-rest/deployment/create", "GET /engine-rest/job", "GET /engine-rest/authorization",
      "GET /engine-rest/engine/default/task",
      "GET /camunda/api/engine/engine/default/task", "GET /camunda/api/engine/engine/default/process-instance",
      "GET /camunda/api/engine/engine/default/user", "GET /camunda/api/cockpit/plugin/base/default/process-instance",
      "GET /camunda/api/admin/auth/user/default",
      "GET /actuator", "GET /actuator/prometheus", "GET /actuator/metrics", "GET /actuator/env",
      "GET /actuator/beans");

  @Autowired TestRestTemplate rest;
  @Autowired @Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping mappings;

  @Test
  void withoutALoginOnlyThePublicEndpointsAnswer() {
    List<String> calls = new ArrayList<>(CAMUNDA);
    for (RequestMappingInfo info : mappings.getHandlerMethods().keySet()) {
      Set<String> methods = info.getMethodsCondition().getMethods().isEmpty() ? Set.of("GET")
          : info.getMethodsCondition().getMethods().stream().map(Enum::name).collect(java.util.stream.Collectors.toSet());
      for (String path : info.getPatternValues()) {
        if (path.startsWith("/error")) {
          continue;
        }
        methods.forEach(method -> calls.add(method + " " + path.replaceAll("\\{[^}]+}", "L-probe")));
      }
    }
    assertThat(calls).as("our own endpoints were found").anyMatch(call -> call.contains("/api/reports/summary"));

    Set<String> open = new TreeSet<>();
    for (String call : calls) {
      String method = call.substring(0, call.indexOf(' '));
      String path = call.substring(call.indexOf(' ') + 1);
      HttpHeaders headers = new HttpHeaders();
      headers.set(HttpHeaders.CONTENT_TYPE, "application/json");
      ResponseEntity<String> answer = rest.exchange(path, HttpMethod.valueOf(method),
          new HttpEntity<>(method.equals("GET") ? null : "{}", headers), String.class);
      int status = answer.getStatusCode().value();
      boolean refused = status == 401 || status == 403 || status == 404;
      if (PUBLIC.contains(call)) {
        assertThat(status).as("%s is public", call).isNotIn(401, 403, 500);
      } else if (!refused && DESCRIPTION.stream().noneMatch(call::startsWith)) {
        open.add(call + " -> " + status);
      }
    }
    assertThat(open).as("answered without a login").isEmpty();
  }
}

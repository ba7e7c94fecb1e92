package io.leadsla;

import static org.assertj.core.api.Assertions.assertThat;

import org.camunda.bpm.engine.FilterService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpStatus;

/** The embedded default as the README's run command starts it, with demo users, on an in-memory H2. */
// metrics export is off in Spring Boot tests unless asked for: the contract scrapes /actuator/prometheus
@AutoConfigureObservability(tracing = false)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.datasource.url=jdbc:h2:mem:leadsla-app;DB_CLOSE_DELAY=-1",
    "camunda.bpm.job-execution.enabled=false",
    // as behind a proxy that ends TLS on this machine (behindTlsTheSessionCookieIsSecureAndHstsIsSent)
    "LEADSLA_FORWARD_HEADERS=native"
})
class ApplicationOnH2Test extends ApplicationContract {

  @Autowired FilterService filterService;

  @Test
  void theDemoTeamCanLogInAndEveryRoleSeesTheTasklistFilters() {
    for (String user : new String[] {"sam", "sara", "sol", "alex", "amy", "maria", "eve", "mark"}) {
      assertThat(identityService.checkPassword(user, "demo")).as("demo login %s", user).isTrue();
    }
    assertThat(filterService.createFilterQuery().list()).extracting("name")
        .contains("My leads by due date", "Missed SLA", "Team queue");
    var filters = rest.withBasicAuth("sam", "demo").getForEntity("/engine-rest/filter?" + PAGE + "&resourceType=Task", String.class);
    assertThat(filters.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(filters.getBody()).contains("My leads by due date", "Missed SLA", "Team queue");
    for (String filterName : new String[] {"My leads by due date", "Missed SLA", "Team queue"}) {
      String id = filterService.createFilterQuery().filterName(filterName).singleResult().getId();
      assertThat(rest.withBasicAuth("maria", "demo").getForEntity("/engine-rest/filter/" + id + "/list?" + PAGE, String.class)
          .getStatusCode()).as("filter %s runs", filterName).isEqualTo(HttpStatus.OK);
    }
  }
}

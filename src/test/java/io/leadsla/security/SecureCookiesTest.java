package io.leadsla.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * LEADSLA_SECURE_COOKIES=true, for a node whose every user comes over HTTPS: the session cookie and the webapps'
 * CSRF cookie are Secure on every response, whatever the request (without it, only behind TLS, see
 * ApplicationContract).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.datasource.url=jdbc:h2:mem:leadsla-secure-cookies;DB_CLOSE_DELAY=-1",
    "camunda.bpm.job-execution.enabled=false",
    "LEADSLA_SECURE_COOKIES=true"
})
class SecureCookiesTest {

  @LocalServerPort int port;

  @Test
  void theSessionAndCsrfCookiesAreSecureAndHttpOnly() throws Exception {
    HttpResponse<String> page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        URI.create("http://localhost:" + port + "/camunda/app/tasklist/default/")).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    List<String> cookies = page.headers().allValues("Set-Cookie");
    assertThat(cookies).filteredOn(cookie -> cookie.startsWith("JSESSIONID=")).singleElement().asString()
        .contains("Secure", "HttpOnly");
    assertThat(cookies).filteredOn(cookie -> cookie.startsWith("XSRF-TOKEN=")).singleElement().asString()
        .contains("Secure");
  }
}

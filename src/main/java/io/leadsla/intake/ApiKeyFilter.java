package io.leadsla.intake;

import io.leadsla.timeline.LeadTimelinePaths;

import io.leadsla.web.Problems;
import io.leadsla.LeadSlaProperties;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.OncePerRequestFilter;

/** {@code /api/*} (but its OpenAPI description and the reports) answers only requests that carry one of the configured keys in {@code X-Api-Key}. */
class ApiKeyFilter extends OncePerRequestFilter {

  static final String HEADER = "X-Api-Key";

  private final List<byte[]> keys;

  ApiKeyFilter(List<String> keys) {
    this.keys = keys.stream().filter(key -> key != null && !key.isBlank())
        .map(key -> key.strip().getBytes(StandardCharsets.UTF_8)).toList();
  }

  /**
   * The API's description is public, so integrators can read it before they have a key; the reports are for
   * people and take their Camunda login instead (see CamundaLoginFilter).
   */
  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    return path.equals("/api/openapi") || path.startsWith("/api/openapi/") || path.startsWith("/api/reports/")
        || LeadTimelinePaths.PATHS.matcher(path.replaceAll(";[^/]*", "")).matches();   // Camunda logins, see timeline
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String presented = request.getHeader(HEADER);
    byte[] candidate = presented == null ? new byte[0] : presented.getBytes(StandardCharsets.UTF_8);
    boolean known = false;
    for (byte[] key : keys) {
      known |= MessageDigest.isEqual(key, candidate);   // constant time, no early exit
    }
    if (presented == null || !known) {
      Problems.write(response, Problems.of(401, "Send a valid API key in the " + HEADER + " header"));
      return;
    }
    chain.doFilter(request, response);
  }

  @Configuration(proxyBeanMethods = false)
  static class Registration {

    @Bean
    FilterRegistrationBean<ApiKeyFilter> apiKeyFilter(LeadSlaProperties properties) {
      List<String> keys = properties.intake() == null || properties.intake().apiKeys() == null
          ? List.of() : properties.intake().apiKeys();
      FilterRegistrationBean<ApiKeyFilter> registration = new FilterRegistrationBean<>(new ApiKeyFilter(keys));
      registration.addUrlPatterns("/api/*");
      return registration;
    }
  }
}

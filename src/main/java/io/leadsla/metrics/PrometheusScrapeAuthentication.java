package io.leadsla.metrics;

import io.leadsla.security.SalesGroups;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Set;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * {@code /actuator/prometheus} answers a Camunda user (HTTP Basic, as Prometheus' {@code basic_auth} sends it) in
 * the admin, sales-managers or executives group; {@code /actuator/health} stays public for load balancers.
 */
class PrometheusScrapeAuthentication extends OncePerRequestFilter {

  static final Set<String> ALLOWED_GROUPS = Set.of("camunda-admin", SalesGroups.MANAGERS, SalesGroups.EXECUTIVES);

  private final IdentityService identityService;

  PrometheusScrapeAuthentication(IdentityService identityService) {
    this.identityService = identityService;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String user = authenticatedUser(request.getHeader("Authorization"));
    if (user == null) {
      response.setHeader("WWW-Authenticate", "Basic realm=\"lead-sla\"");
      response.sendError(HttpServletResponse.SC_UNAUTHORIZED);
      return;
    }
    boolean allowed = identityService.createGroupQuery().groupMember(user).list().stream()
        .anyMatch(group -> ALLOWED_GROUPS.contains(group.getId()));
    if (!allowed) {
      response.sendError(HttpServletResponse.SC_FORBIDDEN);
      return;
    }
    chain.doFilter(request, response);
  }

  private String authenticatedUser(String header) {
    if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
      return null;
    }
    String decoded;
    try {
      decoded = new String(Base64.getDecoder().decode(header.substring(6).strip()), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return null;
    }
    int colon = decoded.indexOf(':');
    if (colon <= 0) {
      return null;
    }
    String user = decoded.substring(0, colon);
    return identityService.checkPassword(user, decoded.substring(colon + 1)) ? user : null;
  }

  @Configuration(proxyBeanMethods = false)
  static class Registration {

    @Bean
    FilterRegistrationBean<PrometheusScrapeAuthentication> prometheusScrapeAuthentication(IdentityService identity) {
      FilterRegistrationBean<PrometheusScrapeAuthentication> registration =
          new FilterRegistrationBean<>(new PrometheusScrapeAuthentication(identity));
      registration.addUrlPatterns("/actuator/prometheus", "/actuator/prometheus/*", "/actuator/metrics",
          "/actuator/metrics/*");
      return registration;
    }
  }
}

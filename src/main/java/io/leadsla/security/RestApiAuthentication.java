package io.leadsla.security;

import jakarta.servlet.Filter;
import java.util.Set;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Who may call which HTTP API. The engine REST API ({@code /engine-rest}) is open by default in the Spring Boot
 * starter: every call must authenticate with HTTP Basic as a Camunda user, and authorizations then apply as in the
 * webapps. The application's own APIs take the same Camunda logins (see CamundaLoginFilter).
 */
@Configuration(proxyBeanMethods = false)
class RestApiAuthentication {

  @Bean
  FilterRegistrationBean<Filter> engineRestAuthentication() {
    FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(new ProcessEngineAuthenticationFilter());
    registration.setName("engine-rest-authentication");
    registration.addInitParameter("authentication-provider", HttpBasicAuthenticationProvider.class.getName());
    registration.addUrlPatterns("/engine-rest/*");
    registration.setOrder(0);   // before the write guard, which needs to know who calls
    return registration;
  }

  /** Non-admins change leads only through forms and intake, over both mounts of the engine's REST API. */
  @Bean
  FilterRegistrationBean<EngineRestWriteGuard> engineRestWriteGuard(IdentityService identityService) {
    FilterRegistrationBean<EngineRestWriteGuard> registration =
        new FilterRegistrationBean<>(new EngineRestWriteGuard(identityService));
    registration.setName("engine-rest-write-guard");
    registration.addUrlPatterns("/engine-rest/*", "/camunda/api/engine/*");
    registration.setOrder(1);
    return registration;
  }

  /** No caller's task query evaluates an expression, on either mount. */
  @Bean
  FilterRegistrationBean<QueryExpressionGuard> queryExpressionGuard() {
    FilterRegistrationBean<QueryExpressionGuard> registration = new FilterRegistrationBean<>(new QueryExpressionGuard());
    registration.setName("query-expression-guard");
    registration.addUrlPatterns("/engine-rest/*", "/camunda/api/engine/*");
    registration.setOrder(2);
    return registration;
  }

  /** The team API (a rep's out-of-office switch): any Camunda user. */
  @Bean
  FilterRegistrationBean<CamundaLoginFilter> userLogin(IdentityService identityService) {
    return login("user-login", new CamundaLoginFilter(identityService), "/team/*");
  }

  /** The reports, their CSV and the dashboard: sales managers and executives. */
  @Bean
  FilterRegistrationBean<CamundaLoginFilter> reportsLogin(IdentityService identityService) {
    return login("reports-login", new CamundaLoginFilter(identityService,
        Set.of(SalesGroups.MANAGERS, SalesGroups.EXECUTIVES), "Reports are for sales managers and executives"),
        "/api/reports/*");
  }

  /** Prometheus' scrape and the metrics endpoint: admins, managers and executives; health stays public. */
  @Bean
  FilterRegistrationBean<CamundaLoginFilter> metricsLogin(IdentityService identityService) {
    return login("metrics-login", new CamundaLoginFilter(identityService,
        Set.of("camunda-admin", SalesGroups.MANAGERS, SalesGroups.EXECUTIVES),
        "Metrics are for Camunda admins, sales managers and executives"),
        "/actuator/prometheus", "/actuator/prometheus/*", "/actuator/metrics", "/actuator/metrics/*");
  }

  private static FilterRegistrationBean<CamundaLoginFilter> login(String name, CamundaLoginFilter filter,
      String... urlPatterns) {
    FilterRegistrationBean<CamundaLoginFilter> registration = new FilterRegistrationBean<>(filter);
    registration.setName(name);
    registration.addUrlPatterns(urlPatterns);
    return registration;
  }
}

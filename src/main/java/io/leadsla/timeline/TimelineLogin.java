package io.leadsla.timeline;

import io.leadsla.security.CamundaLoginFilter;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The timeline takes the Camunda logins (the webapps' session or HTTP Basic), not the intake's API keys. */
@Configuration(proxyBeanMethods = false)
class TimelineLogin {

  @Bean
  FilterRegistrationBean<CamundaLoginFilter> timelineLoginFilter(IdentityService identityService) {
    FilterRegistrationBean<CamundaLoginFilter> registration =
        new FilterRegistrationBean<>(CamundaLoginFilter.anyUserOn(identityService, LeadTimelinePaths.PATHS));
    registration.setName("timeline-login");
    registration.addUrlPatterns("/api/leads/*");
    return registration;
  }
}

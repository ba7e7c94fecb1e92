package io.leadsla.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The browser-facing headers of every response of ours (the Camunda webapps set their own): no MIME sniffing, no
 * full referrer to other sites, and a Content-Security-Policy that at least says who may frame the page: nobody,
 * except that the public lead form may be embedded by the marketing sites in {@code leadsla.form.embed-origins}.
 * A page with a policy of its own (the dashboard) replaces the default. Over TLS, HSTS on every response, the
 * webapps' too.
 */
@Configuration(proxyBeanMethods = false)
class SecurityHeaders {

  static final String CSP = "Content-Security-Policy";

  @Bean
  FilterRegistrationBean<OncePerRequestFilter> securityHeadersFilter(
      @Value("${leadsla.form.embed-origins:}") List<String> embedOrigins) {
    String formAncestors = "frame-ancestors 'self'" + embedOrigins.stream().filter(origin -> !origin.isBlank())
        .map(origin -> " " + origin.strip()).reduce("", String::concat);
    FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(new OncePerRequestFilter() {
      @Override
      protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
          throws ServletException, IOException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (request.isSecure()) {
          response.setHeader("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
        }
        if (path.startsWith("/camunda/")) {
          chain.doFilter(request, response);
          return;
        }
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "strict-origin-when-cross-origin");
        response.setHeader(CSP, path.startsWith("/forms/") ? formAncestors : "frame-ancestors 'none'");
        chain.doFilter(request, new OwnPolicyReplacesTheDefault(response));
      }
    });
    registration.setName("security-headers");
    // first: the answers of the filters after it (a node too busy, a login refused) carry the headers too
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
    registration.addUrlPatterns("/*");
    return registration;
  }

  /** A policy the page sets itself replaces the default instead of adding a second one. */
  private static final class OwnPolicyReplacesTheDefault extends HttpServletResponseWrapper {
    OwnPolicyReplacesTheDefault(HttpServletResponse response) {
      super(response);
    }

    @Override
    public void addHeader(String name, String value) {
      if (CSP.equalsIgnoreCase(name)) {
        super.setHeader(name, value);
      } else {
        super.addHeader(name, value);
      }
    }
  }
}

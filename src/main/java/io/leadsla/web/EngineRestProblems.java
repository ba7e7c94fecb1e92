package io.leadsla.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * The engine's REST API at {@code /engine-rest} answers its errors in the problem format of the rest of our API
 * ({@code application/problem+json}): its own error ({@code {"type": "BadUserRequestException", "message": ...}})
 * becomes a problem with that sentence as {@code detail}, keeping {@code message} and the engine's other fields
 * (as {@code exceptionType}, {@code code}, ...) for the clients written against Camunda's format (the Modeler's
 * deployments). The webapps' own mount, {@code /camunda/api/engine}, keeps Camunda's format: Tasklist and Cockpit
 * read it.
 */
@Configuration(proxyBeanMethods = false)
class EngineRestProblems {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Bean
  FilterRegistrationBean<OncePerRequestFilter> engineRestProblemsFilter() {
    FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(new OncePerRequestFilter() {
      @Override
      protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
          throws ServletException, IOException {
        ContentCachingResponseWrapper answer = new ContentCachingResponseWrapper(response);
        try {
          chain.doFilter(request, answer);
        } finally {
          rewriteAnError(answer);
          answer.copyBodyToResponse();
        }
      }
    });
    registration.setName("engine-rest-problems");
    registration.addUrlPatterns("/engine-rest/*");
    // outside the authentication and the guards (orders 0 to 2): their answers are problems already
    registration.setOrder(-1);
    return registration;
  }

  private static void rewriteAnError(ContentCachingResponseWrapper answer) throws IOException {
    String type = answer.getContentType();
    if (answer.getStatus() < 400 || type == null || !type.startsWith("application/json")) {
      return;
    }
    JsonNode error;
    try {
      error = JSON.readTree(answer.getContentAsByteArray());
    } catch (IOException notJson) {
      return;
    }
    if (error == null || !error.isObject() || !error.hasNonNull("message")) {
      return;
    }
    HttpStatus status = HttpStatus.resolve(answer.getStatus());
    ProblemDetail problem = Problems.of(answer.getStatus(), error.get("message").asText());
    problem.setTitle(status == null ? "Error" : status.getReasonPhrase());
    for (Iterator<Map.Entry<String, JsonNode>> fields = error.fields(); fields.hasNext(); ) {
      Map.Entry<String, JsonNode> field = fields.next();
      problem.setProperty(field.getKey().equals("type") ? "exceptionType" : field.getKey(),
          JSON.treeToValue(field.getValue(), Object.class));
    }
    answer.resetBuffer();
    answer.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    answer.setCharacterEncoding(StandardCharsets.UTF_8.name());
    answer.getOutputStream().write(Problems.json(problem).getBytes(StandardCharsets.UTF_8));
  }
}

package io.leadsla.security;

import com.fasterxml.jackson.databind.JsonNode;
import io.leadsla.web.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * No caller's task query carries an expression ({@code assigneeExpression: "${...}"}), at any depth, whoever
 * calls. The engine refuses expressions at the top of an ad-hoc query but evaluates them inside its
 * {@code orQueries} (Camunda 7.24, tried over REST), and an expression is code run on the server. Stored
 * filters keep theirs ({@code ${currentUser()}}); only admins create or change filters. Refused with a 400 that
 * names the expression's field, before the engine sees the query.
 */
class QueryExpressionGuard extends OncePerRequestFilter {

  /** The engine's task queries: ad hoc, counted, or extending a filter. */
  private static final Pattern TASK_QUERY = Pattern.compile("task(/count)?|filter/[^/]+/(list|count|singleResult)");
  private static final Set<String> QUERY_METHODS = Set.of("GET", "HEAD", "POST");

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String resource = EngineRestWriteGuard.engineResource(EngineRestWriteGuard.routedPath(request));
    if (resource == null || !QUERY_METHODS.contains(request.getMethod()) || !TASK_QUERY.matcher(resource).matches()) {
      chain.doFilter(request, response);
      return;
    }
    // the raw query string, every parameter of it, as the REST resources will read it
    Optional<String> inParameters = parameterNames(request.getQueryString()).stream()
        .filter(QueryExpressionGuard::namesAnExpression).findFirst();
    if (inParameters.isPresent()) {
      refuse(response, inParameters.get());
      return;
    }
    HttpServletRequest inspected = request;
    if (request.getMethod().equals("POST")) {
      String charset = request.getCharacterEncoding();
      if (charset != null && !charset.equalsIgnoreCase("UTF-8")) {
        // the guard reads UTF-8; a body in another charset would reach the engine unread
        Problems.write(response, Problems.of(HttpServletResponse.SC_BAD_REQUEST, "A query's body is UTF-8 JSON, "
            + "not " + charset));
        return;
      }
      InspectedBody body = InspectedBody.read(request, response);
      if (body == null) {
        return;
      }
      if (body.getContentLength() > 0 && body.json() == null) {
        Problems.write(response, Problems.of(HttpServletResponse.SC_BAD_REQUEST, "A query's body is JSON"));
        return;
      }
      Optional<String> inBody = expressionField(body.json());
      if (inBody.isPresent()) {
        refuse(response, inBody.get());
        return;
      }
      inspected = body;
    }
    chain.doFilter(inspected, response);
  }

  private static boolean namesAnExpression(String field) {
    return field.toLowerCase(Locale.ROOT).endsWith("expression");
  }

  /** The names of a query string's parameters, percent-decoded; none for none. */
  static List<String> parameterNames(String query) {
    if (query == null || query.isEmpty()) {
      return List.of();
    }
    List<String> names = new ArrayList<>();
    for (String pair : query.split("&")) {
      String name = pair.contains("=") ? pair.substring(0, pair.indexOf('=')) : pair;
      try {
        names.add(URLDecoder.decode(name, StandardCharsets.UTF_8));
      } catch (IllegalArgumentException malformed) {
        names.add(name);   // the REST resources cannot read it either
      }
    }
    return names;
  }

  /** The first field, at any depth, that holds an expression. */
  static Optional<String> expressionField(JsonNode node) {
    if (node == null) {
      return Optional.empty();
    }
    if (node.isArray()) {
      for (JsonNode element : node) {
        Optional<String> found = expressionField(element);
        if (found.isPresent()) {
          return found;
        }
      }
    }
    for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
      Map.Entry<String, JsonNode> field = fields.next();
      if (namesAnExpression(field.getKey()) && !field.getValue().isNull()) {
        return Optional.of(field.getKey());
      }
      Optional<String> found = expressionField(field.getValue());
      if (found.isPresent()) {
        return found;
      }
    }
    return Optional.empty();
  }

  private static void refuse(HttpServletResponse response, String field) throws IOException {
    Problems.write(response, Problems.of(HttpServletResponse.SC_BAD_REQUEST, "Expressions are forbidden in "
        + "queries: " + field + " (ask with a value, e.g. assignee instead of assigneeExpression)"));
  }
}

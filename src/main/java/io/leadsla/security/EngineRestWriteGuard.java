package io.leadsla.security;

import com.fasterxml.jackson.databind.JsonNode;
import io.leadsla.sla.LeadCycleProcess;
import io.leadsla.web.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.UriUtils;

/**
 * The engine's REST API (at {@code /engine-rest} and, for the webapps, at {@code /camunda/api/engine}) as anyone
 * but a Camunda admin may use it to change a lead: a task's fields are written only by submitting its form (which
 * holds a submission to the form's fields, see LeadTaskFormHandler), a lead starts only through intake (no start
 * instructions, no skipped listeners, no other messages), and no instance is modified, migrated or given
 * variables by hand. Reading stays as Camunda's authorizations allow. The refused calls, in one place:
 * {@link #RULES}.
 */
class EngineRestWriteGuard extends OncePerRequestFilter {

  private static final Pattern ENGINE_PATH =
      Pattern.compile("^(?:/engine-rest(?:/engine/[^/]+)?|/camunda/api/engine/engine/[^/]+)/(.+)$");

  private static final String FORMS_ONLY = "A task's fields are written by submitting its form (submit-form); "
      + "other variable changes are for Camunda admins";
  private static final String INTAKE_ONLY = "Leads start only through intake, from the lead's first step: start "
      + "instructions and skipped listeners are for Camunda admins";
  private static final String ADMINS_ONLY = "Changing a running lead this way is for Camunda admins";

  /**
   * A call refused to non-admins: its methods, its path (after the engine's prefix) and, for a call refused only
   * with some bodies, which ones.
   */
  record Rule(Set<String> methods, Pattern path, Predicate<JsonNode> refusedBody, String why) {
    Rule(Set<String> methods, String path, String why) {
      this(methods, Pattern.compile(path), null, why);
    }

    boolean inspectsBody() {
      return refusedBody != null;
    }

    boolean refuses(JsonNode body) {
      return refusedBody == null || refusedBody.test(body);
    }
  }

  static final Set<String> WRITES = Set.of("POST", "PUT", "DELETE", "PATCH");

  static final List<Rule> RULES = List.of(
      new Rule(WRITES, "(task|process-instance|execution|case-instance|case-execution)/[^/]+/(variables|"
          + "localVariables)(/.*)?", FORMS_ONLY),
      new Rule(Set.of("POST"), Pattern.compile("task/[^/]+/(complete|resolve)"),
          body -> body != null && body.path("variables").size() > 0, FORMS_ONLY),
      new Rule(Set.of("PUT"), "task/[^/]+", "A task's due date and details are the application's to set"),
      new Rule(Set.of("POST"), "task/(create|[^/]+/(bpmnError|bpmnEscalation))", ADMINS_ONLY),
      new Rule(Set.of("POST"), Pattern.compile("process-definition/(key/[^/]+(/tenant-id/[^/]+)?|[^/]+)/start"),
          body -> body != null && (body.path("startInstructions").size() > 0
              || body.path("skipCustomListeners").asBoolean() || body.path("skipIoMappings").asBoolean()),
          INTAKE_ONLY),
      new Rule(Set.of("POST"), Pattern.compile("message"),
          body -> body == null || !LeadCycleProcess.MESSAGE_LEAD_SUBMITTED.equals(body.path("messageName").asText()),
          "Only the message " + LeadCycleProcess.MESSAGE_LEAD_SUBMITTED + " (a new lead, through intake) is for "
              + "everyone; other messages are the application's"),
      new Rule(Set.of("POST"), "signal", ADMINS_ONLY),
      new Rule(WRITES, "process-instance/[^/]+/(modification|modification-async|suspended)", ADMINS_ONLY),
      new Rule(Set.of("DELETE"), "process-instance/[^/]+", ADMINS_ONLY),
      new Rule(WRITES, "(process-instance/(delete|delete-historic-query-based|suspended|job-retries.*|"
          + "set-removal-time|variables-async|correlation-async|message-async)|modification/.*|migration/.*|"
          + "process-definition/.*/restart(-async)?|restart/.*)", ADMINS_ONLY),
      new Rule(WRITES, "execution/[^/]+/(signal|messageSubscriptions/.*)", ADMINS_ONLY));

  private final IdentityService identityService;

  EngineRestWriteGuard(IdentityService identityService) {
    this.identityService = identityService;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (!WRITES.contains(request.getMethod())) {
      chain.doFilter(request, response);
      return;
    }
    String uri = routedPath(request);
    String resource = engineResource(uri);
    List<Rule> matching = resource == null ? List.of() : RULES.stream()
        .filter(rule -> rule.methods().contains(request.getMethod()) && rule.path().matcher(resource).matches())
        .toList();
    if (matching.isEmpty() || isAdmin(uri, request)) {
      chain.doFilter(request, response);
      return;
    }
    HttpServletRequest inspected = request;
    JsonNode body = null;
    if (matching.stream().anyMatch(Rule::inspectsBody)) {
      inspected = InspectedBody.read(request, response);
      if (inspected == null) {
        return;
      }
      body = ((InspectedBody) inspected).json();
    }
    for (Rule rule : matching) {
      if (rule.refuses(body)) {
        Problems.write(response, Problems.of(HttpServletResponse.SC_FORBIDDEN, rule.why()));
        return;
      }
    }
    chain.doFilter(inspected, response);
  }

  /**
   * The path as the REST resources will route it: no matrix parameters, percent-decoded ({@code %74ask} is
   * {@code task}), no doubled or trailing slashes.
   */
  static String routedPath(HttpServletRequest request) {
    String raw = request.getRequestURI().substring(request.getContextPath().length()).replaceAll(";[^/]*", "");
    return UriUtils.decode(raw, StandardCharsets.UTF_8).replaceAll("/{2,}", "/").replaceAll("/$", "");
  }

  /** The engine's resource called (the path after either mount's prefix), or null for any other path. */
  static String engineResource(String routedPath) {
    Matcher engine = ENGINE_PATH.matcher(routedPath);
    return engine.matches() ? engine.group(1) : null;
  }

  /** The caller: the webapps' session user on their mount, the Basic-authenticated user on /engine-rest. */
  private boolean isAdmin(String uri, HttpServletRequest request) {
    List<String> groups;
    if (uri.startsWith("/camunda/")) {
      UserAuthentication user = CamundaLoginFilter.webappUser(request.getSession(false));
      groups = user == null ? List.of() : user.getGroupIds();
    } else {
      Authentication current = identityService.getCurrentAuthentication();
      groups = current == null || current.getGroupIds() == null ? List.of() : current.getGroupIds();
    }
    return groups.contains(Groups.CAMUNDA_ADMIN);
  }

}

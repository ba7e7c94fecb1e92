package io.leadsla.security;

import io.leadsla.web.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;
import org.camunda.bpm.webapp.impl.security.filter.util.CsrfConstants;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Lets a Camunda user through: the one logged into the webapps in this browser session (so a link from Cockpit
 * needs no second login), or one sending HTTP Basic (scripts, Prometheus). Without a login: 401; when
 * {@code allowedGroups} is not empty and the user is in none of them: 403 with {@code refusal} as a JSON error.
 * While the request runs the user is the engine's current authentication.
 */
public class CamundaLoginFilter extends OncePerRequestFilter {

  static final String ENGINE = "default";

  private final IdentityService identityService;
  private final Set<String> allowedGroups;
  private final String refusal;
  private final Pattern onlyPaths;

  /** Any Camunda user. */
  CamundaLoginFilter(IdentityService identityService) {
    this(identityService, Set.of(), "");
  }

  /**
   * Any Camunda user, on the paths (after the context path) that {@code onlyPaths} matches; other paths under
   * the filter's URL patterns pass untouched (a feature's paths beside another API's, e.g. the lead timeline
   * under the intake API).
   */
  public static CamundaLoginFilter anyUserOn(IdentityService identityService, Pattern onlyPaths) {
    return new CamundaLoginFilter(identityService, Set.of(), "", onlyPaths);
  }

  /** Members of {@code allowedGroups} only; the others are told {@code refusal} (plain words, no quotes). */
  CamundaLoginFilter(IdentityService identityService, Set<String> allowedGroups, String refusal) {
    this(identityService, allowedGroups, refusal, null);
  }

  private CamundaLoginFilter(IdentityService identityService, Set<String> allowedGroups, String refusal,
      Pattern onlyPaths) {
    this.identityService = identityService;
    this.allowedGroups = Set.copyOf(allowedGroups);
    this.refusal = refusal;
    this.onlyPaths = onlyPaths;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    // matched as Spring MVC routes it (no ;parameters, percent-decoded), so no spelling of the path slips past
    return onlyPaths != null && !onlyPaths.matcher(EngineRestWriteGuard.routedPath(request)).matches();
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    UserAuthentication webappUser = webappUser(request.getSession(false));
    if (webappUser != null && !SAFE_METHODS.contains(request.getMethod())
        && !csrfTokenMatches(request.getSession(false), request.getHeader(CsrfConstants.CSRF_TOKEN_HEADER_NAME))) {
      // a change made with the browser's session cookie must show it comes from our pages, not another site's
      Problems.write(response, Problems.of(HttpServletResponse.SC_FORBIDDEN, "Send the "
          + CsrfConstants.CSRF_TOKEN_HEADER_NAME + " header with the value of your Camunda session's "
          + CsrfConstants.CSRF_TOKEN_DEFAULT_COOKIE_NAME + " cookie"));
      return;
    }
    String user = webappUser != null ? webappUser.getIdentityId() : basicUser(request.getHeader("Authorization"));
    if (user == null) {
      response.setHeader("WWW-Authenticate", "Basic realm=\"lead-sla\"");
      Problems.write(response, Problems.of(HttpServletResponse.SC_UNAUTHORIZED,
          "Log in to Camunda (Tasklist or Cockpit) first, or send your Camunda user name and password"));
      return;
    }
    List<String> groups = webappUser != null ? webappUser.getGroupIds()
        : identityService.createGroupQuery().groupMember(user).unlimitedList().stream().map(Group::getId).toList();
    if (!allowedGroups.isEmpty() && groups.stream().noneMatch(allowedGroups::contains)) {
      Problems.write(response, Problems.of(HttpServletResponse.SC_FORBIDDEN, refusal));
      return;
    }
    identityService.setAuthentication(user, groups);
    try {
      chain.doFilter(request, response);
    } finally {
      identityService.clearAuthentication();
    }
  }

  private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

  private static boolean csrfTokenMatches(HttpSession session, String header) {
    Object token = session == null ? null : session.getAttribute(CsrfConstants.CSRF_TOKEN_SESSION_ATTR_NAME);
    return token != null && header != null && java.security.MessageDigest.isEqual(
        token.toString().getBytes(StandardCharsets.UTF_8), header.getBytes(StandardCharsets.UTF_8));
  }

  static UserAuthentication webappUser(HttpSession session) {
    if (session == null) {
      return null;
    }
    Authentications authentications = AuthenticationUtil.getAuthsFromSession(session);
    return authentications != null
        && authentications.getAuthenticationForProcessEngine(ENGINE) instanceof UserAuthentication user ? user : null;
  }

  private String basicUser(String header) {
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
}

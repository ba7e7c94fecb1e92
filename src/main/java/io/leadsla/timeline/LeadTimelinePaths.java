package io.leadsla.timeline;

import java.util.regex.Pattern;

/**
 * Where a person reads about a lead (its timeline, who owns it): under the intake API's path, but for Camunda
 * logins, not API keys.
 */
public final class LeadTimelinePaths {

  public static final String TIMELINE = "/api/leads/{leadId}/timeline";
  public static final String OWNER = "/api/leads/{leadId}/owner";
  /** These paths, as the login and API-key filters tell them apart. */
  public static final Pattern PATHS = Pattern.compile(TIMELINE.replace("{leadId}", "[^/]+") + "|"
      + OWNER.replace("{leadId}", "[^/]+"));

  private LeadTimelinePaths() {}
}

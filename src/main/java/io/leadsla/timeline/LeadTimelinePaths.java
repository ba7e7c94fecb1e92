package io.leadsla.timeline;

import java.util.regex.Pattern;

/** Where the timeline is served: under the intake API's path, but for Camunda logins, not API keys. */
public final class LeadTimelinePaths {

  public static final String TIMELINE = "/api/leads/{leadId}/timeline";
  /** The timeline's paths, as the login and API-key filters tell them apart. */
  public static final Pattern PATHS = Pattern.compile(TIMELINE.replace("{leadId}", "[^/]+"));

  private LeadTimelinePaths() {}
}

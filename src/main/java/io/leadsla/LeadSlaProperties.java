package io.leadsla;

import io.leadsla.clock.WorkingHours;
import java.time.ZoneId;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** Everything the application itself can be told, under the prefix {@code leadsla}. */
@ConfigurationProperties("leadsla")
public record LeadSlaProperties(String baseUrl, Mail mail, Demo demo, Intake intake, WorkingHours workingHours) {

  /** API keys that marketing automation sends in the X-Api-Key header of POST /api/leads. */
  public record Intake(List<String> apiKeys, Integer formSubmissionsPerMinute) {}

  public record Mail(String from, ZoneId timeZone) {}

  public record Demo(boolean enabled, String password) {}
}

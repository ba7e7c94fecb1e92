package io.leadsla;

import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** Everything the application itself can be told, under the prefix {@code leadsla}. */
@ConfigurationProperties("leadsla")
public record LeadSlaProperties(String baseUrl, Mail mail, Demo demo) {

  public record Mail(String from, ZoneId timeZone) {}

  public record Demo(boolean enabled, String password) {}
}

package io.leadsla;

import io.leadsla.clock.WorkingHours;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** Everything the application itself can be told, under the prefix {@code leadsla}. */
@ConfigurationProperties("leadsla")
public record LeadSlaProperties(String baseUrl, Mail mail, Demo demo, Intake intake, WorkingHours workingHours,
    Notification notification, Report report) {

  /**
   * The morning report: the DailySlaReport process wakes up on {@code cron} (server time) and mails each team's
   * managers the figures of the day before once {@code time} has passed in {@code zone}.
   */
  public record Report(String cron, LocalTime time, ZoneId zone, List<String> teams) {

    public Report {
      teams = teams == null ? List.of() : List.copyOf(teams);
    }
  }

  /**
   * Who is whose manager: keys are user ids or group ids (a user's own entry wins), values manager user ids.
   * Without an entry, every member of sales-managers is the manager. An optional chat webhook (Slack-compatible
   * incoming webhook URL) hears of every tier-1 lead.
   */
  public record Notification(Map<String, String> managers, String chatWebhookUrl) {

    public Notification {
      managers = managers == null ? Map.of() : Map.copyOf(managers);
      chatWebhookUrl = chatWebhookUrl == null || chatWebhookUrl.isBlank() ? null : chatWebhookUrl.strip();
    }
  }

  /** API keys that marketing automation sends in the X-Api-Key header of POST /api/leads. */
  public record Intake(List<String> apiKeys, Integer formSubmissionsPerMinute) {}

  public record Mail(String from, ZoneId timeZone) {}

  public record Demo(boolean enabled, String password) {}
}

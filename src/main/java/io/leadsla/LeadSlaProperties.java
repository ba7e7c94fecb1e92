package io.leadsla;

import io.leadsla.clock.WorkingHours;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** Everything the application itself can be told, under the prefix {@code leadsla}. */
@ConfigurationProperties("leadsla")
public record LeadSlaProperties(String baseUrl, Mail mail, Demo demo, Intake intake, WorkingHours workingHours,
    Notification notification, Report report, Map<String, Team> teams) {

  public LeadSlaProperties {
    teams = teams == null ? Map.of() : teams;
  }

  /**
   * A team is a Camunda group with a working calendar and a routing rule. {@code role} says which stage it works
   * ({@code sdr}: response and qualification, {@code ae}: hand-off); {@code regions} and {@code sources} say which
   * leads it serves (empty: all); {@code hours} per weekday as "09:00-17:00"; {@code afterHoursTeam} takes new
   * leads while this team is off; {@code maxOpenLeads} caps each member's open leads; {@code weights} gives
   * members more (2) or fewer (1 is the default) leads in the rotation; {@code dailyCapacity} is how many new
   * leads a day the team can handle (seed 002), for the capacity report.
   */
  public record Team(String role, ZoneId zone, Map<DayOfWeek, String> hours, List<LocalDate> holidays,
      List<String> regions, List<String> sources, String afterHoursTeam, Integer maxOpenLeads,
      Map<String, Integer> weights, Integer dailyCapacity) {

    public Team {
      hours = hours == null ? Map.of() : hours;
      holidays = holidays == null ? List.of() : List.copyOf(holidays);
      regions = regions == null ? List.of() : List.copyOf(regions);
      sources = sources == null ? List.of() : List.copyOf(sources);
      weights = weights == null ? Map.of() : Map.copyOf(weights);
    }
  }

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

  /**
   * API keys that marketing automation sends in the X-Api-Key header of POST /api/leads, and what one node takes
   * in: at most {@code maxConcurrent} submissions are worked at once (each holds one database connection for a
   * few milliseconds); one that finds no free slot within {@code maxWait} (at once while the node sheds, see
   * intake/IntakePressure), or arrives while more than
   * {@code maxBacklog} accepted leads wait for their start job, is answered 503 with {@code Retry-After}.
   */
  public record Intake(List<String> apiKeys, Integer formSubmissionsPerMinute, Integer maxConcurrent,
      Duration maxWait, Integer maxBacklog, Duration retryAfter, Integer jobThreadsWhileShedding,
      Duration sheddingCalm) {

    public Intake {
      jobThreadsWhileShedding = jobThreadsWhileShedding == null ? 2 : jobThreadsWhileShedding;
      sheddingCalm = sheddingCalm == null ? Duration.ofSeconds(3) : sheddingCalm;
      maxConcurrent = maxConcurrent == null ? 8 : maxConcurrent;
      maxWait = maxWait == null ? Duration.ofMillis(20) : maxWait;
      maxBacklog = maxBacklog == null ? 20_000 : maxBacklog;
      retryAfter = retryAfter == null ? Duration.ofSeconds(5) : retryAfter;
    }
  }

  /** The sender of every mail, the time zone its times are written in, and how the outbox is worked off. */
  public record Mail(String from, ZoneId timeZone, Sender sender) {

    public Mail {
      sender = sender == null ? new Sender(null, null, null) : sender;
    }
  }

  /**
   * The notification sender of a node: {@code threads} look for due notifications every {@code pollInterval};
   * a claim older than {@code staleClaim} is from a sender that died while sending, and is taken over.
   */
  public record Sender(Integer threads, Duration pollInterval, Duration staleClaim) {

    public Sender {
      threads = threads == null ? 2 : Math.max(1, threads);
      pollInterval = pollInterval == null ? Duration.ofMillis(200) : pollInterval;
      staleClaim = staleClaim == null ? Duration.ofMinutes(3) : staleClaim;
    }
  }

  public record Demo(boolean enabled, String password) {}
}

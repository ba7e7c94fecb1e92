package io.leadsla.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * An installation upgraded to V9 keeps its reports: the cadences' touches and end, the escalations and the
 * nurtured cycles' return are filled in from the touches, mails and cycles written before.
 */
class ReportColumnsBackfillTest {

  static final String DAY = "2026-04-06T";

  /** The database emptied and migrated up to {@code version}, as an installation of that version has it. */
  static JdbcTemplate migratedTo(DriverManagerDataSource dataSource, String version) {
    Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").cleanDisabled(false).load().clean();
    Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").target(version).load().migrate();
    return new JdbcTemplate(dataSource);
  }

  /** A database of its own; each test cleans it first (the PostgreSQL twin shares one between its tests). */
  DriverManagerDataSource database() {
    return new DriverManagerDataSource("jdbc:h2:mem:backfill-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1", "sa", "");
  }

  @Test
  void upgradingToV9FillsTheNewReportColumnsFromTheHistory() {
    DriverManagerDataSource dataSource = database();
    JdbcTemplate jdbc = migratedTo(dataSource, "8");
    cycle(jdbc, "L-1", 1, "08:00", "12:00", "nurture");
    cycle(jdbc, "L-1", 2, "2026-04-09T08:00:00Z", null, null);
    cycle(jdbc, "L-2", 1, "09:00", "15:00", "nurture");
    // L-1: no answer at 08:10 starts a cadence, a voicemail, a conversation at 10:00, a touch after it
    touch(jdbc, "L-1", "08:10", "no_answer");
    touch(jdbc, "L-1", "09:00", "left_voicemail");
    touch(jdbc, "L-1", "10:00", "connected");
    touch(jdbc, "L-1", "11:00", "email_sent");
    // L-2: two touches, never a conversation: the cadence ends with the cycle
    touch(jdbc, "L-2", "09:05", "no_answer");
    touch(jdbc, "L-2", "10:05", "no_answer");
    jdbc.update("INSERT INTO lead_cadence (lead_id, cycle, started_at, planned_touches, planned_days) VALUES "
        + "('L-1', 1, ?, 5, 2), ('L-2', 1, ?, 5, 2)", ts(DAY + "08:10:00Z"), ts(DAY + "09:05:00Z"));
    jdbc.update("INSERT INTO sla_clock (lead_id, cycle, stage, clock_round, owner, owner_group, started_at, deadline) "
        + "VALUES ('L-2', 1, 'response', 1, 'sam', 'sdr', ?, ?)", ts(DAY + "09:00:00Z"), ts(DAY + "09:05:00Z"));
    for (String executive : new String[] {"eve@example.com", "max@example.com"}) {
      jdbc.update("INSERT INTO notification (dedup_key, recipient, kind, lead_id, cycle, stage, clock_round, subject, "
          + "status, attempts, created_at, claimed_at) VALUES ('L-2/1/response/ESCALATION/1', ?, 'ESCALATION', "
          + "'L-2', 1, 'response', 1, 'Escalation', 'SENT', 1, ?, ?)", executive, ts(DAY + "09:35:00Z"),
          ts(DAY + "09:35:00Z"));
    }

    Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();

    Map<String, Object> first = jdbc.queryForMap("SELECT team, touches, ended_at FROM lead_cadence WHERE lead_id = 'L-1'");
    assertThat(first.get("TEAM")).isEqualTo("sdr");
    assertThat(((Number) first.get("TOUCHES")).intValue()).isEqualTo(3);   // up to and with the conversation
    assertThat(instant(first.get("ENDED_AT"))).isEqualTo(Instant.parse(DAY + "10:00:00Z"));
    Map<String, Object> second = jdbc.queryForMap("SELECT touches, ended_at FROM lead_cadence WHERE lead_id = 'L-2'");
    assertThat(((Number) second.get("TOUCHES")).intValue()).isEqualTo(2);
    assertThat(instant(second.get("ENDED_AT"))).isEqualTo(Instant.parse(DAY + "15:00:00Z"));   // the cycle's end
    assertThat(instant(jdbc.queryForObject("SELECT escalated_at FROM sla_clock WHERE lead_id = 'L-2'", Object.class)))
        .isEqualTo(Instant.parse(DAY + "09:35:00Z"));
    assertThat(instant(jdbc.queryForObject("SELECT next_cycle_at FROM lead_cycle WHERE lead_id = 'L-1' AND cycle = 1",
        Object.class))).isEqualTo(Instant.parse("2026-04-09T08:00:00Z"));
    assertThat(jdbc.queryForObject("SELECT next_cycle_at FROM lead_cycle WHERE lead_id = 'L-2'", Object.class)).isNull();
  }

  /** An installation upgraded to V16: its hand-offs and claims stop counting as reassignments. */
  @Test
  void upgradingToV16TellsHandOffsAndClaimsFromReassignments() {
    DriverManagerDataSource dataSource = database();
    JdbcTemplate jdbc = migratedTo(dataSource, "15");
    String insert = "INSERT INTO lead_assignment (lead_id, cycle, stage, team, from_owner, to_owner, reason, "
        + "assigned_at) VALUES (?, 1, ?, ?, ?, ?, ?, ?)";
    jdbc.update(insert, "L-1", "response", "sdr", null, "sam", "New sdr lead for sdr", ts(DAY + "08:00:00Z"));
    jdbc.update(insert, "L-1", "handoff", "ae", "sam", "amy", "New ae lead for ae", ts(DAY + "10:00:00Z"));
    jdbc.update(insert, "L-2", "response", "sdr", null, null, "New sdr lead for sdr; nobody in sdr is free: team "
        + "queue", ts(DAY + "08:00:00Z"));
    jdbc.update(insert, "L-2", "response", "sdr", null, "sol", "Claimed from the team queue", ts(DAY + "08:30:00Z"));
    jdbc.update(insert, "L-2", "response", "sdr", "sol", "sara", "SLA expired", ts(DAY + "09:30:00Z"));

    Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();

    assertThat(jdbc.queryForList("SELECT lead_id || ' ' || stage || ' ' || kind FROM lead_assignment "
        + "ORDER BY lead_id, assigned_at", String.class)).containsExactly("L-1 response first", "L-1 handoff first",
        "L-2 response first", "L-2 response claimed", "L-2 response reassigned");
  }

  static void cycle(JdbcTemplate jdbc, String lead, int cycle, String start, String end, String disposition) {
    if (cycle == 1) {
      jdbc.update("INSERT INTO lead (id, email, name, source, score, consent, created_at, updated_at) "
          + "VALUES (?, ?, ?, 'webinar', 50, TRUE, ?, ?)", lead, lead + "@example.org", lead, ts(at(start)), ts(at(start)));
    }
    jdbc.update("INSERT INTO lead_cycle (lead_id, cycle, process_instance_id, source, started_at, ended_at, disposition, "
        + "team) VALUES (?, ?, 'pi', 'webinar', ?, ?, ?, 'sdr')", lead, cycle, ts(at(start)),
        end == null ? null : ts(at(end)), disposition);
  }

  static void touch(JdbcTemplate jdbc, String lead, String at, String outcome) {
    jdbc.update("INSERT INTO lead_touch (lead_id, cycle, process_instance_id, stage, touched_at, touched_by, channel, "
        + "outcome) VALUES (?, 1, 'pi', 'response', ?, 'sam', 'phone', ?)", lead, ts(at(at)), outcome);
  }

  static String at(String time) {
    return time.length() == 5 ? DAY + time + ":00Z" : time;
  }

  static Timestamp ts(String instant) {
    return Timestamp.from(Instant.parse(instant));
  }

  static Instant instant(Object value) {
    return value instanceof java.time.OffsetDateTime time ? time.toInstant() : ((Timestamp) value).toInstant();
  }
}

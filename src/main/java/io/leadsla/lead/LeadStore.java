package io.leadsla.lead;

import io.leadsla.DatabaseKind;
import io.leadsla.InsertIfAbsent;
import io.leadsla.TransactionMemo;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/** The {@code lead} and {@code lead_cycle} tables, written in the engine's transaction. */
@Repository
public class LeadStore {

  /**
   * The lead a cycle works on: its details as stored now, this cycle's source and message, when it arrived;
   * {@code tier} is null until the policy decided it (or for cycles before V14).
   */
  public record CycleLead(String id, int cycle, LeadFields fields, Instant arrivedAt, String tier) {}

  /** A lead as stored; {@code lastCycle} is 0 before its first cycle. */
  public record StoredLead(String id, String email, int score, int lastCycle, boolean cycleOpen) {}

  private final JdbcTemplate jdbc;
  private final TransactionMemo<String, Optional<CycleLead>> read = new TransactionMemo<>();

  private final InsertIfAbsent insertIfAbsent;
  private final ApplicationEventPublisher events;
  /** The form of the ids the sequence gives; no caller may choose one. */
  private static final Pattern NUMBERED = Pattern.compile("L-\\d+");

  /** The next number of a new lead from the sequence {@code lead_number}: L-1001, L-1002, ... on every node alike. */
  private final String nextLeadNumber;
  private static final String INSERT_LEAD = "INSERT INTO lead (id, email, name, company, phone, region, source, "
      + "campaign, score, consent, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

  LeadStore(JdbcTemplate jdbc, InsertIfAbsent insertIfAbsent, ApplicationEventPublisher events) {
    this.jdbc = jdbc;
    this.insertIfAbsent = insertIfAbsent;
    this.events = events;
    // on the caller's connection, as every statement here (a sequence is not rolled back: a failed start skips one)
    this.nextLeadNumber = DatabaseKind.isPostgres(jdbc.getDataSource()) ? "SELECT nextval('lead_number')"
        : "VALUES NEXT VALUE FOR lead_number";
  }

  /**
   * Finds the lead by its normalized e-mail, creating it if needed, and locks its row until the caller's
   * transaction ends: submissions of one lead queue behind each other, so it never gets two open cycles.
   * A concurrent insert of the same lead cannot abort ours ({@link InsertIfAbsent}).
   */
  public StoredLead lockOrCreate(LeadFields lead, String preferredId, Instant now) {
    read.forget();
    Optional<StoredLead> existing = lockByEmail(lead.email());
    if (existing.isPresent()) {
      return existing.get();
    }
    if (preferredId != null && NUMBERED.matcher(preferredId).matches()) {
      // the sequence's ids: a caller's own would meet the sequence later and refuse a real lead
      throw new InvalidInputException("lead id '" + preferredId + "' is of the form Lead SLA gives new leads "
          + "(L-<number>); leave the id out, or use another form");
    }
    String id = preferredId != null ? preferredId : "L-" + jdbc.queryForObject(nextLeadNumber, Long.class);
    Object[] row = {id, lead.email(), lead.name(), lead.company(), lead.phone(), lead.region(), lead.source(),
        lead.campaign(), lead.score(), lead.consent(), Timestamp.from(now), Timestamp.from(now)};
    // false: another submission created the same lead (same e-mail) a moment ago, or the id belongs to another e-mail
    if (insertIfAbsent.insert(INSERT_LEAD, row)) {   // ours, and locked by our insert until the transaction ends
      return new StoredLead(id, lead.email(), lead.score(), 0, false);
    }
    return lockByEmail(lead.email()).filter(found -> preferredId == null || found.id().equals(preferredId))
        .orElseThrow(() -> new InvalidInputException(preferredId == null
            ? "the lead with this e-mail address could not be stored; send it again"
            : "lead id '" + preferredId + "' belongs to another e-mail address"));
  }

  public Optional<StoredLead> lockByEmail(String email) {
    List<String> ids = jdbc.query("SELECT id FROM lead WHERE email = ? FOR UPDATE", (rs, i) -> rs.getString(1), email);
    return ids.isEmpty() ? Optional.empty() : Optional.of(read(ids.get(0)));
  }

  public Optional<StoredLead> lockById(String id) {
    List<String> ids = jdbc.query("SELECT id FROM lead WHERE id = ? FOR UPDATE", (rs, i) -> rs.getString(1), id);
    return ids.isEmpty() ? Optional.empty() : Optional.of(read(ids.get(0)));
  }

  private StoredLead read(String id) {
    return jdbc.queryForObject(
        "SELECT l.id, l.email, l.score, "
            + "(SELECT COALESCE(MAX(c.cycle), 0) FROM lead_cycle c WHERE c.lead_id = l.id) AS last_cycle, "
            + "(SELECT COUNT(*) FROM lead_cycle c WHERE c.lead_id = l.id AND c.ended_at IS NULL) AS open_cycles "
            + "FROM lead l WHERE l.id = ?",
        (rs, i) -> new StoredLead(rs.getString("id"), rs.getString("email"), rs.getInt("score"),
            rs.getInt("last_cycle"), rs.getInt("open_cycles") > 0),
        id);
  }

  /** A returning lead's newest details; the score only ever goes up here (nurture lowers it). */
  public void refresh(String id, LeadFields lead, int score, Instant now) {
    read.forget();
    jdbc.update("UPDATE lead SET name = ?, company = COALESCE(?, company), phone = COALESCE(?, phone), "
            + "region = COALESCE(?, region), campaign = COALESCE(?, campaign), score = ?, consent = ?, updated_at = ? "
            + "WHERE id = ?",
        lead.name(), lead.company(), lead.phone(), lead.region(), lead.campaign(), score, lead.consent(),
        Timestamp.from(now), id);
  }

  /** The lead's details as last stored, for a cycle that starts without a new submission. */
  public Optional<LeadFields> details(String id) {
    return jdbc.query("SELECT name, email, company, phone, region, source, campaign, score, consent FROM lead WHERE id = ?",
        (rs, i) -> new LeadFields(rs.getString("name"), rs.getString("email"), rs.getString("company"),
            rs.getString("phone"), rs.getString("region"), rs.getString("source"), rs.getString("campaign"),
            rs.getInt("score"), rs.getBoolean("consent"), null),
        id).stream().findFirst();
  }

  /**
   * The lead of one cycle, read once per transaction: the steps of one job all ask for it; a write here forgets
   * what was read.
   */
  public Optional<CycleLead> cycleLead(String leadId, int cycle) {
    return read.get(key(leadId, cycle), () -> jdbc.query("SELECT l.name, l.email, l.company, l.phone, l.region, "
            + "c.source, l.campaign, l.score, l.consent, c.message, c.started_at, c.tier FROM lead l JOIN lead_cycle c "
            + "ON c.lead_id = l.id WHERE l.id = ? AND c.cycle = ?",
        (rs, i) -> new CycleLead(leadId, cycle, new LeadFields(rs.getString("name"), rs.getString("email"),
            rs.getString("company"), rs.getString("phone"), rs.getString("region"), rs.getString("source"),
            rs.getString("campaign"), rs.getInt("score"), rs.getBoolean("consent"), rs.getString("message")),
            rs.getTimestamp("started_at").toInstant(), rs.getString("tier")),
        leadId, cycle).stream().findFirst());
  }

  private static String key(String leadId, int cycle) {
    return leadId + "/" + cycle;
  }

  private void rememberTier(String leadId, int cycle, String tier) {
    read.update(key(leadId, cycle), lead -> lead.map(known ->
        new CycleLead(known.id(), known.cycle(), known.fields(), known.arrivedAt(), tier)));
  }

  public void updateScore(String id, int score, Instant now) {
    read.forget();
    jdbc.update("UPDATE lead SET score = ?, updated_at = ? WHERE id = ?", score, Timestamp.from(now), id);
  }

  public void beginCycle(String leadId, int cycle, String processInstanceId, String source, String message,
      Instant now) {
    read.forget();
    try {
      jdbc.update("INSERT INTO lead_cycle (lead_id, cycle, process_instance_id, source, message, started_at) "
              + "VALUES (?, ?, ?, ?, ?, ?)",
          leadId, cycle, processInstanceId, source, message, Timestamp.from(now));
      if (cycle > 1) {
        jdbc.update("UPDATE lead_cycle SET next_cycle_at = ? WHERE lead_id = ? AND cycle = ? AND next_cycle_at IS NULL",
            Timestamp.from(now), leadId, cycle - 1);
      }
    } catch (DuplicateKeyException e) {
      throw new InvalidInputException("lead " + leadId + " already has a cycle " + cycle);
    }
  }

  public void endCycle(String leadId, int cycle, String disposition, String reason, Instant now) {
    read.forget();
    jdbc.update("UPDATE lead_cycle SET ended_at = ?, disposition = ?, reason = ? WHERE lead_id = ? AND cycle = ?",
        Timestamp.from(now), disposition, reason, leadId, cycle);
    events.publishEvent(new CycleEvents.CycleEnded(leadId, cycle, now));
  }

  /** The policy's answer at the cycle's start: its tier and the cadence it plans (touches within days). */
  public void setTierAndCadence(String leadId, int cycle, String tier, int cadenceTouches, int cadenceDays) {
    rememberTier(leadId, cycle, tier);
    jdbc.update("UPDATE lead_cycle SET tier = ?, cadence_touches = ?, cadence_days = ? WHERE lead_id = ? "
        + "AND cycle = ?", tier, cadenceTouches, cadenceDays, leadId, cycle);
  }

  /** The cadence planned for the cycle: touches within days; empty for cycles from before V18. */
  public record PlannedCadence(int touches, int days) {}

  public Optional<PlannedCadence> plannedCadence(String leadId, int cycle) {
    return jdbc.query("SELECT cadence_touches, cadence_days FROM lead_cycle WHERE lead_id = ? AND cycle = ? "
        + "AND cadence_touches IS NOT NULL", (rs, i) -> new PlannedCadence(rs.getInt(1), rs.getInt(2)), leadId, cycle)
        .stream().findFirst();
  }

  public void setTier(String leadId, int cycle, String tier) {
    rememberTier(leadId, cycle, tier);
    jdbc.update("UPDATE lead_cycle SET tier = ? WHERE lead_id = ? AND cycle = ?", tier, leadId, cycle);
  }

  /** Who owns the cycle now (capacity caps and reports read it); null while it waits in the team queue. */
  public void setOwner(String leadId, int cycle, String owner) {
    // what cycleLead remembers holds no owner: nothing to forget
    jdbc.update("UPDATE lead_cycle SET owner = ? WHERE lead_id = ? AND cycle = ?", owner, leadId, cycle);
  }

  /** Open cycles each of these members owns. */
  public Map<String, Integer> openCyclesByOwner(List<String> owners) {
    Map<String, Integer> open = new HashMap<>();
    new NamedParameterJdbcTemplate(jdbc).query("SELECT owner, COUNT(*) AS n FROM lead_cycle WHERE ended_at IS NULL "
        + "AND owner IN (:owners) GROUP BY owner", new MapSqlParameterSource("owners", owners),
        rs -> {
          open.merge(rs.getString("owner"), rs.getInt("n"), Integer::sum);
        });
    return open;
  }

  /**
   * Who has the lead's latest cycle: its owner (null in the team queue), team and first response deadline, both
   * null until routing picked them (the job after the start).
   */
  public record CycleOwner(int cycle, String owner, String team, Instant respondBy) {}

  public Optional<CycleOwner> latestCycleOwner(String leadId) {
    return jdbc.query("SELECT cycle, owner, team, response_deadline FROM lead_cycle WHERE lead_id = ? "
        + "ORDER BY cycle DESC FETCH FIRST 1 ROWS ONLY", (rs, i) -> {
          Timestamp due = rs.getTimestamp("response_deadline");
          return new CycleOwner(rs.getInt("cycle"), rs.getString("owner"), rs.getString("team"),
              due == null ? null : due.toInstant());
        }, leadId).stream().findFirst();
  }

  /** The process instance of the lead's open cycle, if it has one. */
  public Optional<String> openCycleInstance(String leadId) {
    return jdbc.query("SELECT process_instance_id FROM lead_cycle WHERE lead_id = ? AND ended_at IS NULL",
        (rs, i) -> rs.getString(1), leadId).stream().findFirst();
  }
}

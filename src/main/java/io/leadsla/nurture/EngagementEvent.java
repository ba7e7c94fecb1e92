package io.leadsla.nurture;

import io.leadsla.lead.InvalidLeadException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** One engagement of a lead reported by marketing automation: the points it is worth and what the lead did. */
public record EngagementEvent(int points, String activity, Instant occurredAt) {

  static final Set<String> FIELDS = Set.of("points", "activity", "occurredAt");
  private static final Pattern SINGLE_LINE = Pattern.compile("^[^\\p{Cntrl}\\u2028\\u2029]{1,100}$");

  /** Checks raw JSON values; every bad or unknown field is named. {@code now} is when it was received. */
  public static EngagementEvent parse(Map<String, ?> raw, Instant now) {
    Map<String, String> errors = new LinkedHashMap<>();
    raw.keySet().stream().filter(key -> !FIELDS.contains(key)).sorted()
        .forEach(key -> errors.put(key, "is not a known field"));
    int points = 0;
    Object rawPoints = raw.get("points");
    if (rawPoints instanceof Number number && number.doubleValue() == Math.rint(number.doubleValue())
        && number.doubleValue() >= 1 && number.doubleValue() <= 100) {
      points = number.intValue();
    } else {
      errors.put("points", "must be a whole number from 1 to 100");
    }
    String activity = null;
    if (!(raw.get("activity") instanceof String text) || text.isBlank()) {
      errors.put("activity", "is required text, e.g. webinar-attended");
    } else if (!SINGLE_LINE.matcher(text.strip()).matches()) {
      errors.put("activity", "must be a single line of at most 100 characters");
    } else {
      activity = text.strip();
    }
    Instant occurredAt = now;
    Object rawOccurredAt = raw.get("occurredAt");
    if (rawOccurredAt != null) {
      try {
        occurredAt = OffsetDateTime.parse((String) rawOccurredAt).toInstant();
        if (occurredAt.isAfter(now.plusSeconds(300))) {
          errors.put("occurredAt", "lies in the future");
        }
      } catch (ClassCastException | DateTimeParseException e) {
        errors.put("occurredAt", "must be a date and time with offset, e.g. 2026-03-02T10:15:00+01:00");
      }
    }
    if (!errors.isEmpty()) {
      throw new InvalidLeadException(errors);
    }
    return new EngagementEvent(points, activity, occurredAt);
  }
}

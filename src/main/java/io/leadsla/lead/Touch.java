package io.leadsla.lead;

import java.time.Instant;
import java.util.Set;

/** One attempt to reach a lead, as the rep logged it. */
public record Touch(
    String leadId, int cycle, String processInstanceId, String stage, Instant at, String by,
    String channel, String outcome, String note) {

  public static final Set<String> CHANNELS = Set.of("phone", "email", "sms", "linkedin", "meeting");
  public static final Set<String> OUTCOMES = Set.of("connected", "no_answer", "left_voicemail", "email_sent", "wrong_contact_data");
  public static final String CONNECTED = "connected";
}

package io.leadsla.lead;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** One attempt to reach a lead, as the rep logged it. */
public record Touch(
    String leadId, int cycle, String processInstanceId, String stage, Instant at, String by,
    String channel, String outcome, String note) {

  public static final Set<String> CHANNELS = Set.of("phone", "email", "sms", "linkedin", "meeting");
  public static final Set<String> OUTCOMES = Set.of("connected", "no_answer", "left_voicemail", "email_sent", "wrong_contact_data");
  public static final String CONNECTED = "connected";

  /** The only channel an outcome can happen on, where there is one: an e-mail is sent, a voicemail left by phone. */
  private static final Map<String, String> OUTCOME_CHANNEL = Map.of("email_sent", "email", "left_voicemail", "phone");
  /** Channels on which no live conversation takes place. */
  private static final Set<String> NOT_LIVE = Set.of("email", "sms");

  /** Why the outcome cannot have happened on the channel ("Email sent" by phone), or empty when it can. */
  public static Optional<String> mismatch(String channel, String outcome) {
    String only = OUTCOME_CHANNEL.get(outcome);
    if (only != null && !only.equals(channel)) {
      return Optional.of("touchOutcome " + outcome + " happens only on the channel " + only + ", not " + channel);
    }
    if (CONNECTED.equals(outcome) && NOT_LIVE.contains(channel)) {
      return Optional.of("touchOutcome connected (a live conversation) does not happen by " + channel
          + ": pick phone, meeting or linkedin, or the outcome email_sent");
    }
    return Optional.empty();
  }
}

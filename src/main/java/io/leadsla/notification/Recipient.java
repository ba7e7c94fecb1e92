package io.leadsla.notification;

import java.time.ZoneId;

/** Someone a mail goes to: a Camunda user (or just an address), and the time zone to show times in. */
public record Recipient(String userId, String email, ZoneId zone) {}

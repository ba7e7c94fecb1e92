package io.leadsla.security;

import io.leadsla.LeadSlaProperties;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Outside the embedded demo (which ships well-known passwords on purpose and listens on 127.0.0.1 only), the
 * application refuses to start with an empty, short or well-known admin password or intake API key, or a
 * well-known database password. An empty database password stays allowed: PostgreSQL's trust or peer
 * authentication needs none.
 */
@Component
@ConditionalOnProperty(name = "leadsla.demo.enabled", havingValue = "false")
class SecretStrength {

  static final int MIN_PASSWORD = 12;
  static final int MIN_API_KEY = 16;
  static final Set<String> WELL_KNOWN = Set.of("demo", "admin", "administrator", "password", "passw0rd",
      "changeme", "change-me", "secret", "camunda", "postgres", "leadsla", "lead-sla", "test", "123456",
      "12345678", "123456789012", "qwerty", "letmein", "welcome", "default", "demo-intake-key", "password123",
      "admin123");

  SecretStrength(@Value("${camunda.bpm.admin-user.password:}") String adminPassword,
      @Value("${spring.datasource.password:}") String databasePassword, LeadSlaProperties properties) {
    List<String> problems = problems(adminPassword, properties.intake().apiKeys(), databasePassword);
    if (!problems.isEmpty()) {
      throw new IllegalStateException("Refusing to start with weak secrets: " + String.join("; ", problems));
    }
  }

  static List<String> problems(String adminPassword, List<String> apiKeys, String databasePassword) {
    List<String> problems = new ArrayList<>();
    weak(adminPassword, MIN_PASSWORD).ifPresent(why -> problems.add("the admin password (LEADSLA_ADMIN_PASSWORD) "
        + why));
    for (String key : apiKeys == null ? List.<String>of() : apiKeys) {
      weak(key, MIN_API_KEY).ifPresent(why -> problems.add("an intake API key (LEADSLA_INTAKE_API_KEYS) " + why));
    }
    if (databasePassword != null && !databasePassword.isEmpty() && isWellKnown(databasePassword)) {
      problems.add("the database password (LEADSLA_DB_PASSWORD) is a well-known one");
    }
    return problems;
  }

  private static Optional<String> weak(String secret, int minimum) {
    if (secret == null || secret.isBlank()) {
      return Optional.of("is empty");
    }
    if (isWellKnown(secret)) {
      return Optional.of("is a well-known one");
    }
    if (secret.length() < minimum) {
      return Optional.of("is shorter than " + minimum + " characters");
    }
    if (secret.chars().distinct().count() < 4) {
      return Optional.of("repeats too few characters");
    }
    return Optional.empty();
  }

  private static boolean isWellKnown(String secret) {
    return WELL_KNOWN.contains(secret.strip().toLowerCase(Locale.ROOT));
  }
}

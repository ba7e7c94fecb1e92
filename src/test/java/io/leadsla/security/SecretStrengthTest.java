package io.leadsla.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A deployment refuses to start with secrets anyone could guess; the embedded demo is not a deployment. */
class SecretStrengthTest {

  @Test
  void emptyShortAndWellKnownSecretsAreRefusedEachNamed() {
    assertThat(SecretStrength.problems("", List.of(), "")).containsExactly("the admin password "
        + "(LEADSLA_ADMIN_PASSWORD) is empty");
    assertThat(SecretStrength.problems("Demo", List.of("demo-intake-key", "short-key"), "postgres"))
        .containsExactly(
            "the admin password (LEADSLA_ADMIN_PASSWORD) is a well-known one",
            "an intake API key (LEADSLA_INTAKE_API_KEYS) is a well-known one",
            "an intake API key (LEADSLA_INTAKE_API_KEYS) is shorter than 16 characters",
            "the database password (LEADSLA_DB_PASSWORD) is a well-known one");
    assertThat(SecretStrength.problems("aaaaaaaaaaaaaaaa", List.of(), "")).containsExactly(
        "the admin password (LEADSLA_ADMIN_PASSWORD) repeats too few characters");
  }

  @Test
  void strongSecretsAndAnEmptyDatabasePasswordForTrustAuthenticationPass() {
    assertThat(SecretStrength.problems("correct-horse-battery", List.of("k7Qp2x9LmZt4Wv8R"), "")).isEmpty();
  }
}

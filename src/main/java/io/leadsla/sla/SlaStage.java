package io.leadsla.sla;

import java.util.Arrays;

/** The three clocks a lead runs on. {@link #key()} is the value of the {@code stage} column in the DMN. */
public enum SlaStage {
  RESPONSE("response", "Response", "first touch"),
  QUALIFICATION("qualification", "Qualification", "qualification"),
  HANDOFF("handoff", "Handoff", "hand-off to an Account Executive");

  private final String key;
  private final String idPart;
  private final String description;

  SlaStage(String key, String idPart, String description) {
    this.key = key;
    this.idPart = idPart;
    this.description = description;
  }

  public String key() {
    return key;
  }

  /** How the stage is spelled inside BPMN ids. */
  public String idPart() {
    return idPart;
  }

  public String description() {
    return description;
  }

  public static SlaStage of(String key) {
    return Arrays.stream(values())
        .filter(stage -> stage.key.equals(key))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("Unknown SLA stage '" + key + "'"));
  }
}

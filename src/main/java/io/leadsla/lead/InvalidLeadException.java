package io.leadsla.lead;

import java.util.Map;
import java.util.stream.Collectors;

/** A submitted lead with one or more bad fields; {@link #fieldErrors()} names each of them. */
public class InvalidLeadException extends InvalidInputException {

  private final Map<String, String> fieldErrors;

  public InvalidLeadException(Map<String, String> fieldErrors) {
    super(fieldErrors.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining("; ")));
    this.fieldErrors = Map.copyOf(fieldErrors);
  }

  public Map<String, String> fieldErrors() {
    return fieldErrors;
  }
}

package io.leadsla.lead;

import org.camunda.bpm.engine.BadUserRequestException;

/** A user sent something we cannot accept; the REST API answers it with 400 and the message. */
public class InvalidInputException extends BadUserRequestException {

  public InvalidInputException(String message) {
    super(message);
  }
}

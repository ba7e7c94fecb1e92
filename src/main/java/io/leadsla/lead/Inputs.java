package io.leadsla.lead;

import java.util.Set;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.delegate.VariableScope;

/** Small checks for values that reach the process from forms and APIs. */
public final class Inputs {

  private static final Pattern CONTROL = Pattern.compile("[\\p{Cntrl}&&[^\\n\\r\\t]]");
  private static final Pattern LINE_BREAK = Pattern.compile("[\\r\\n\\u2028\\u2029]");

  private Inputs() {}

  /** A required single-line text of at most {@code max} characters. */
  public static String requiredLine(VariableScope variables, String name, int max) {
    String value = optionalLine(variables, name, max);
    if (value == null) {
      throw new InvalidInputException(name + " is required");
    }
    return value;
  }

  public static String optionalLine(VariableScope variables, String name, int max) {
    String value = optionalText(variables, name, max);
    if (value != null && LINE_BREAK.matcher(value).find()) {
      throw new InvalidInputException(name + " must be a single line");
    }
    return value;
  }

  /** Free text (notes) of at most {@code max} characters; blank becomes null. */
  public static String optionalText(VariableScope variables, String name, int max) {
    Object raw = variables.getVariable(name);
    if (raw == null) {
      return null;
    }
    if (!(raw instanceof String text)) {
      throw new InvalidInputException(name + " must be text");
    }
    String value = text.strip();
    if (value.isEmpty()) {
      return null;
    }
    if (value.length() > max) {
      throw new InvalidInputException(name + " is longer than " + max + " characters");
    }
    if (CONTROL.matcher(value).find()) {
      throw new InvalidInputException(name + " contains control characters");
    }
    return value;
  }

  public static String requiredText(VariableScope variables, String name, int max) {
    String value = optionalText(variables, name, max);
    if (value == null) {
      throw new InvalidInputException(name + " is required");
    }
    return value;
  }

  public static String oneOf(VariableScope variables, String name, Set<String> allowed) {
    Object value = variables.getVariable(name);
    if (!(value instanceof String text) || !allowed.contains(text)) {
      throw new InvalidInputException(name + " must be one of " + allowed.stream().sorted().toList()
          + (value == null ? " but is missing" : ""));
    }
    return text;
  }
}

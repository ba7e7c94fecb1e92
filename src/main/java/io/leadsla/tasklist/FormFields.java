package io.leadsla.tasklist;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.value.TypedValue;

/**
 * The fields of one Camunda Form (a {@code .form} file in {@code forms/}): which ones its user fills in, with the
 * values, length and range each allows, and which ones it only shows (disabled or read-only). A task's form is
 * the one contract of what a submission may write.
 */
record FormFields(String formId, Map<String, Field> writable, Set<String> shownOnly) {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** One input of the form; {@code values} of a select or radio, {@code maxLength} of text, {@code min}/{@code max}. */
  record Field(String key, String type, Set<String> values, Integer maxLength, Double min, Double max) {

    /** What is wrong with this value for the field, if anything; an empty value is the listeners' to judge. */
    Optional<String> problem(Object value) {
      if (value == null || "".equals(value)) {
        return Optional.empty();
      }
      switch (type) {
        case "checkbox" -> {
          return value instanceof Boolean ? Optional.empty() : Optional.of(key + " must be true or false");
        }
        case "number" -> {
          if (!(value instanceof Number number)) {
            return Optional.of(key + " must be a number");
          }
          if (min != null && number.doubleValue() < min) {
            return Optional.of(key + " must be at least " + number(min));
          }
          if (max != null && number.doubleValue() > max) {
            return Optional.of(key + " must be at most " + number(max));
          }
          return Optional.empty();
        }
        default -> {
          if (!(value instanceof String text)) {
            return Optional.of(key + " must be text");
          }
          if (!values.isEmpty() && !values.contains(text)) {
            return Optional.of(key + " must be one of " + String.join(", ", values));
          }
          if (maxLength != null && text.length() > maxLength) {
            return Optional.of(key + " is longer than " + maxLength + " characters");
          }
          if (type.equals("datetime") && !isDateOrDateTime(text)) {
            return Optional.of(key + " '" + text + "' is not a date");
          }
          return Optional.empty();
        }
      }
    }
  }

  private static String number(double bound) {
    return bound == Math.rint(bound) ? Long.toString((long) bound) : Double.toString(bound);
  }

  /**
   * The problems of a submission: names the form does not have, and values its fields do not allow. A field
   * takes a plain value (text, number, true/false, date); an object, serialized or not, is refused unread.
   */
  List<String> problems(VariableMap submitted) {
    List<String> problems = new ArrayList<>();
    submitted.keySet().forEach(name -> {
      Field field = writable.get(name);
      TypedValue typed = submitted.getValueTyped(name);
      if (field != null && typed != null && typed.getType() != null && !typed.getType().isPrimitiveValueType()) {
        problems.add(name + " takes a plain value, not " + typed.getType().getName());
      } else if (field != null) {
        field.problem(typed == null ? null : typed.getValue()).ifPresent(problems::add);
      } else if (!shownOnly.contains(name)) {
        problems.add(name + " is not a field of the form " + formId + " (it takes " + String.join(", ",
            writable.keySet()) + ")");
      }
    });
    return problems;
  }

  static FormFields parse(byte[] form) throws IOException {
    JsonNode root = JSON.readTree(form);
    Map<String, Field> writable = new LinkedHashMap<>();
    Set<String> shownOnly = new LinkedHashSet<>();
    collect(root.path("components"), writable, shownOnly);
    return new FormFields(root.path("id").asText(), writable, shownOnly);
  }

  private static void collect(JsonNode components, Map<String, Field> writable, Set<String> shownOnly) {
    for (JsonNode component : components) {
      collect(component.path("components"), writable, shownOnly);
      String key = component.path("key").asText(null);
      if (key == null) {
        continue;
      }
      if (component.path("disabled").asBoolean() || component.path("readonly").asBoolean()) {
        shownOnly.add(key);
        continue;
      }
      Set<String> values = new LinkedHashSet<>();
      component.path("values").forEach(option -> values.add(option.path("value").asText()));
      JsonNode validate = component.path("validate");
      writable.put(key, new Field(key, component.path("type").asText(), values,
          validate.has("maxLength") ? validate.get("maxLength").asInt() : null,
          validate.has("min") ? validate.get("min").asDouble() : null,
          validate.has("max") ? validate.get("max").asDouble() : null));
    }
  }

  private static boolean isDateOrDateTime(String text) {
    try {
      OffsetDateTime.parse(text);
      return true;
    } catch (DateTimeParseException notADateTime) {
      try {
        LocalDate.parse(text.length() > 10 ? text.substring(0, 10) : text);
        return true;
      } catch (DateTimeParseException notADate) {
        return false;
      }
    }
  }
}

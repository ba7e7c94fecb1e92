package io.leadsla.intake;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/** The JSON body of every intake error: status, a sentence, and each bad field with what is wrong with it. */
final class ApiError {

  private static final ObjectMapper JSON = new ObjectMapper();

  private ApiError() {}

  static String body(int status, String error, Map<String, String> fields) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", status);
    body.put("error", error);
    if (fields != null && !fields.isEmpty()) {
      body.put("fields", new TreeMap<>(fields));
    }
    try {
      return JSON.writeValueAsString(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}

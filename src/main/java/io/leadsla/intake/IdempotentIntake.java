package io.leadsla.intake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadsla.lead.InvalidInputException;
import io.leadsla.lead.InvalidLeadException;
import io.leadsla.lead.LeadFields;
import io.leadsla.lead.LeadFieldsValidator;
import io.leadsla.web.Problems;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The JSON intake with Idempotency-Key semantics: the same key and body get the first answer again, the same key
 * with another body is a 422, a key still being worked on is a 409. Without a key, the lead store's natural key
 * (the e-mail address) still keeps a lead from being created twice.
 */
@Service
class IdempotentIntake {

  private static final Pattern KEY = Pattern.compile("^[\\x21-\\x7e]{1,200}$");

  private final LeadFieldsValidator validator;
  private final LeadIntakeService intake;
  private final IdempotencyStore requests;
  private final ObjectMapper json;
  private final TransactionTemplate transaction;

  IdempotentIntake(LeadFieldsValidator validator, LeadIntakeService intake, IdempotencyStore requests,
      ObjectMapper json, PlatformTransactionManager transactionManager) {
    this.validator = validator;
    this.intake = intake;
    this.requests = requests;
    this.json = json;
    this.transaction = new TransactionTemplate(transactionManager);
  }

  IntakeResponse handle(String key, byte[] body, String channel) {
    return handle("", key, body, () -> respond(body, channel));
  }

  /**
   * Runs {@code work} at most once per key within {@code scope} (e.g. one lead's engagements), answering repeats
   * with the stored first answer. Without a key the work simply runs.
   */
  IntakeResponse handle(String scope, String key, byte[] body, Supplier<IntakeResponse> work) {
    if (key == null) {
      return work.get();
    }
    if (!KEY.matcher(key).matches()) {
      return new IntakeResponse(400, Problems.json(400, "Idempotency-Key must be 1 to 200 visible ASCII characters", null));
    }
    String hash = sha256(body);
    String storedKey = scope.isEmpty() ? key : scope + " " + key;   // a space never occurs in a key itself
    return transaction.execute(status -> {
      if (requests.claim(storedKey, hash, ClockUtil.getCurrentTime().toInstant())) {
        IntakeResponse response = work.get();
        if (response.status() >= 400) {
          status.setRollbackOnly();   // a refused request keeps nothing, not even its key: it may be sent again
        } else {
          requests.complete(storedKey, response.status(), response.body());
        }
        return response;
      }
      // the key is taken: by a committed request (its answer, or a 422 for another body), or one still running
      return requests.find(storedKey).map(earlier -> !earlier.bodyHash().equals(hash)
              ? new IntakeResponse(422, Problems.json(422, "This Idempotency-Key was already used with a different body", null))
              : earlier.completed() ? new IntakeResponse(earlier.status(), earlier.response())
              : stillRunning())
          .orElseGet(IdempotentIntake::stillRunning);
    });
  }

  private static IntakeResponse stillRunning() {
    return new IntakeResponse(409, Problems.json(409, "A request with this Idempotency-Key is still being processed; "
        + "send it again in a moment", null));
  }

  private IntakeResponse respond(byte[] body, String channel) {
    if (!isUtf8(body)) {
      return new IntakeResponse(400, Problems.json(400, "The body is not valid UTF-8", null));
    }
    Map<String, Object> raw = jsonObject(body);
    if (raw == null) {
      return new IntakeResponse(400, Problems.json(400, "The body must be a JSON object", null));
    }
    LeadFields lead;
    try {
      lead = validator.validate(raw);
    } catch (InvalidLeadException e) {
      return new IntakeResponse(422, Problems.json(422, "The lead has invalid fields", e.fieldErrors()));
    }
    IntakeResult result;
    try {
      result = intake.submit(lead, channel);
    } catch (InvalidInputException e) {
      return new IntakeResponse(422, Problems.json(422, e.getMessage(), null));
    }
    return new IntakeResponse(result.outcome() == IntakeResult.Outcome.ABSORBED ? 200 : 201,
        write(new Accepted(result.leadId(), result.cycle(), result.outcome().name().toLowerCase(),
            result.processInstanceId())));
  }

  /** The answer to an accepted lead: kept as text with its Idempotency-Key, so a retry gets the same bytes. */
  record Accepted(String leadId, int cycle, String outcome, String processInstanceId) {}

  /** Strictly: an overlong or broken sequence (say {@code C0 AF} for "/") is refused, not decoded. */
  static boolean isUtf8(byte[] body) {
    try {
      StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }

  /** The body as a JSON object, or null if it is not valid JSON or not an object. */
  Map<String, Object> jsonObject(byte[] body) {
    try {
      JsonNode tree = json.readTree(body);
      if (tree == null || !tree.isObject()) {
        return null;
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> converted = json.convertValue(tree, LinkedHashMap.class);
      return converted;
    } catch (IOException e) {
      return null;
    }
  }

  String write(Object answer) {
    try {
      return json.writeValueAsString(answer);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String sha256(byte[] body) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

}

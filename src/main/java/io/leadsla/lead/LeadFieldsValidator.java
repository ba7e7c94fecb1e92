package io.leadsla.lead;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * The one set of rules for a submitted lead, whichever way it came in: every field has a type and a length
 * limit, e-mail and phone have a shape, the source is one we know. Collects every bad field, not just the first.
 */
@Component
public class LeadFieldsValidator {

  public static final Set<String> FIELDS = Set.of(
      "name", "email", "company", "phone", "region", "source", "campaign", "score", "consent", "message");

  /**
   * The addresses people have: letters, digits and . _ % + ' - before the @, a domain after it. The RFC allows
   * more (quotes, brackets, spaces in quotes), which no lead needs and which the task forms' contact links must
   * not carry into their markdown.
   */
  private static final Pattern EMAIL = Pattern.compile("^[a-z0-9._%+'-]{1,64}@[a-z0-9-]+(\\.[a-z0-9-]+)*\\.[a-z]{2,}$");
  private static final Pattern PHONE = Pattern.compile("^\\+?[0-9 ()./-]{6,30}$");
  private static final Pattern LINE_BREAK = Pattern.compile("[\\r\\n\\u2028\\u2029]");
  private static final Pattern CONTROL = Pattern.compile("[\\p{Cntrl}&&[^\\n\\r\\t]]");

  /** Checks raw values keyed by the field names in {@link #FIELDS}; unknown keys are errors too. */
  public LeadFields validate(Map<String, ?> raw) {
    Map<String, String> errors = new LinkedHashMap<>();
    raw.keySet().stream().filter(key -> !FIELDS.contains(key)).sorted()
        .forEach(key -> errors.put(key, "is not a known field"));
    String name = line(raw, "name", 200, true, errors);
    String email = line(raw, "email", 254, true, errors);
    if (email != null) {
      email = email.toLowerCase(Locale.ROOT);
      if (!EMAIL.matcher(email).matches() || !isOneMailbox(email)) {
        errors.put("email", "is not a valid e-mail address");
      }
    }
    String phone = line(raw, "phone", 30, false, errors);
    if (phone != null && !PHONE.matcher(phone).matches()) {
      errors.put("phone", "may hold digits, spaces and + ( ) . / - only (6 to 30 characters)");
    }
    String source = line(raw, "source", 30, true, errors);
    if (source != null && !LeadSource.ALL.contains(source)) {
      errors.put("source", "must be one of " + LeadSource.ALL.stream().sorted().toList());
    }
    LeadFields lead = new LeadFields(
        name, email, line(raw, "company", 200, false, errors), phone, line(raw, "region", 40, false, errors), source,
        line(raw, "campaign", 100, false, errors), score(raw.get("score"), errors), consent(raw.get("consent"), errors),
        text(raw, "message", 2000, errors));
    if (!errors.isEmpty()) {
      throw new InvalidLeadException(errors);
    }
    return lead;
  }

  private static String line(Map<String, ?> raw, String field, int max, boolean required, Map<String, String> errors) {
    String value = text(raw, field, max, errors);
    if (value != null && LINE_BREAK.matcher(value).find()) {
      errors.put(field, "must be a single line");
    } else if (value == null && required && !errors.containsKey(field)) {
      errors.put(field, "is required");
    }
    return value;
  }

  private static String text(Map<String, ?> raw, String field, int max, Map<String, String> errors) {
    Object value = raw.get(field);
    if (value == null) {
      return null;
    }
    if (!(value instanceof String text)) {
      errors.put(field, "must be text");
      return null;
    }
    String stripped = text.strip();
    if (stripped.indexOf('\uFFFD') >= 0) {
      // what a decoder makes of bytes that are not UTF-8: the sender's text is not what it meant
      errors.put(field, "contains bytes that are not valid UTF-8");
      return null;
    }
    if (stripped.length() > max) {
      errors.put(field, "is longer than " + max + " characters");
      return null;
    }
    if (CONTROL.matcher(stripped).find()) {
      errors.put(field, "contains control characters");
      return null;
    }
    return stripped.isEmpty() ? null : stripped;
  }

  private static int score(Object value, Map<String, String> errors) {
    if (value == null) {
      return 0;
    }
    if (value instanceof Number number && number.doubleValue() == Math.rint(number.doubleValue())
        && number.doubleValue() >= 0 && number.doubleValue() <= 100) {
      return number.intValue();
    }
    errors.put("score", "must be a whole number from 0 to 100");
    return 0;
  }

  private static boolean consent(Object value, Map<String, String> errors) {
    if (value == null) {
      return false;
    }
    if (value instanceof Boolean consent) {
      return consent;
    }
    errors.put("consent", "must be true or false");
    return false;
  }

  /**
   * The mail library reads the address as exactly this one mailbox: no display name, no route, no group, nothing
   * it would send to instead ({@code <injected>@acme.example} passes the pattern, not this).
   */
  private static boolean isOneMailbox(String email) {
    try {
      InternetAddress parsed = new InternetAddress(email, true);
      return parsed.getPersonal() == null && email.equals(parsed.getAddress()) && !parsed.isGroup();
    } catch (AddressException e) {
      return false;
    }
  }
}

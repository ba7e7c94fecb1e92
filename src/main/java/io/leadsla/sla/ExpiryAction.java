package io.leadsla.sla;

/** What happens to a lead whose stage clock ran out. */
public enum ExpiryAction {
  REASSIGN,
  NURTURE;

  static ExpiryAction of(String value) {
    return switch (value) {
      case "reassign" -> REASSIGN;
      case "nurture" -> NURTURE;
      default -> throw new IllegalArgumentException(
          "Unknown expiry action '" + value + "' (expected reassign or nurture)");
    };
  }
}

package io.leadsla.lead;

import java.util.Set;

/** Where leads come from; the LeadSlaPolicy decision keys on these values. */
public final class LeadSource {

  public static final Set<String> ALL = Set.of(
      "demo_request", "contact_sales", "pricing_page", "trial_signup", "webinar",
      "content_download", "newsletter", "event_list", "referral", "other");

  /** Sources whose very submission asks for a call. */
  public static final Set<String> CONTACT_REQUESTS = Set.of("demo_request", "contact_sales");

  private LeadSource() {}
}

package io.leadsla.lead;

import java.util.Set;

/** Where leads come from; the LeadSlaPolicy decision keys on these values. */
public final class LeadSource {

  public static final Set<String> ALL = Set.of(
      "demo_request", "contact_sales", "pricing_page", "trial_signup", "webinar",
      "content_download", "newsletter", "event_list", "referral", "other");

  private LeadSource() {}
}

package io.leadsla.timeline;

import io.leadsla.lead.LeadFields;
import io.leadsla.lead.LeadStore;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** A lead's timeline over HTTP, for those who may see the lead (see {@link TimelineAccess}). */
@RestController
@Tag(name = "Timeline", description = "What happened to a lead, for its owner, its team, managers and executives")
class LeadTimelineController {

  /** The lead and its story, oldest first. */
  record Timeline(String leadId, String name, String company, List<TimelineEntry> entries) {}

  private final LeadTimeline timeline;
  private final LeadStore leads;
  private final TimelineAccess access;
  private final IdentityService identityService;

  LeadTimelineController(LeadTimeline timeline, LeadStore leads, TimelineAccess access,
      IdentityService identityService) {
    this.timeline = timeline;
    this.leads = leads;
    this.access = access;
    this.identityService = identityService;
  }

  @Operation(summary = "A lead's timeline: arrival, assignments, touches with their notes, pauses, missed SLAs, "
      + "escalations, how each cycle ended (Camunda login)")
  @GetMapping(LeadTimelinePaths.TIMELINE)
  ResponseEntity<?> timeline(@PathVariable String leadId) {
    Optional<LeadFields> lead = leads.details(leadId);
    Optional<ProblemDetail> refused = access.refusal(identityService.getCurrentAuthentication(), leadId,
        lead.isPresent(), user -> false);
    if (refused.isPresent()) {
      return ResponseEntity.status(refused.get().getStatus()).body(refused.get());
    }
    return ResponseEntity.ok(new Timeline(leadId, lead.get().name(), lead.get().company(), timeline.of(leadId)));
  }
}

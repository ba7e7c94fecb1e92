package io.leadsla.timeline;

import io.leadsla.lead.LeadFields;
import io.leadsla.lead.LeadStore;
import io.leadsla.web.Problems;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;
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
    Authentication caller = identityService.getCurrentAuthentication();
    if (caller == null) {
      return problem(401, "Log in to Camunda first, or send your Camunda user name and password");
    }
    List<String> groups = caller.getGroupIds() == null ? List.of() : caller.getGroupIds();
    Optional<LeadFields> lead = leads.details(leadId);
    // an unknown lead and one of someone else's look alike to a rep: lead numbers are easy to guess
    if (lead.isEmpty() && !access.mayReadEveryLead(groups) || lead.isPresent()
        && !access.mayRead(caller.getUserId(), groups, leadId)) {
      return problem(403, "Lead " + leadId + " is not yours, your team's or your reports'");
    }
    if (lead.isEmpty()) {
      return problem(404, "There is no lead " + leadId);
    }
    return ResponseEntity.ok(new Timeline(leadId, lead.get().name(), lead.get().company(), timeline.of(leadId)));
  }

  private static ResponseEntity<ProblemDetail> problem(int status, String detail) {
    return ResponseEntity.status(status).body(Problems.of(status, detail));
  }
}

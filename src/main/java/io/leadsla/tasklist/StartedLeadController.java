package io.leadsla.tasklist;

import io.leadsla.intake.LeadSubmissions;
import io.leadsla.lead.LeadFields;
import io.leadsla.lead.LeadStore;
import io.leadsla.team.TeamDirectory;
import io.leadsla.timeline.HumanTime;
import io.leadsla.timeline.LeadTimeline;
import io.leadsla.timeline.LeadTimelinePaths;
import io.leadsla.timeline.TimelineAccess;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * Who has a lead now, for the person who entered it in Tasklist (its start form's toast asks right after the
 * start, lead-sla/started-lead.js) and for whoever may read its timeline. Routing is a job after the start, so the
 * owner is there a moment later: until then {@code routed} is false.
 */
@RestController
@Tag(name = "Timeline")
class StartedLeadController {

  /** The lead, its latest cycle and who has it; the deadline also as the viewer reads it, in their zone. */
  record LeadOwner(String leadId, String name, String company, int cycle, boolean routed, String owner,
      String ownerName, String team, Instant respondBy, String respondByText) {}

  private final LeadStore leads;
  private final LeadSubmissions submissions;
  private final TimelineAccess access;
  private final TeamDirectory directory;
  private final IdentityService identityService;
  private final ZoneId teamZone;

  StartedLeadController(LeadStore leads, LeadSubmissions submissions, TimelineAccess access,
      TeamDirectory directory, IdentityService identityService, LeadTimeline timeline) {
    this.leads = leads;
    this.submissions = submissions;
    this.access = access;
    this.directory = directory;
    this.identityService = identityService;
    this.teamZone = timeline.teamZone();
  }

  @Operation(summary = "Who has a lead now (its owner, team and first response deadline), for the person who "
      + "entered it and those who may read its timeline (Camunda login)")
  @GetMapping(LeadTimelinePaths.OWNER)
  ResponseEntity<?> owner(@PathVariable String leadId) {
    Authentication caller = identityService.getCurrentAuthentication();
    Optional<LeadFields> lead = leads.details(leadId);
    Optional<LeadStore.CycleOwner> cycle = leads.latestCycleOwner(leadId);
    Optional<ProblemDetail> refused = access.refusal(caller, leadId, lead.isPresent() && cycle.isPresent(),
        user -> submissions.enteredBy(leadId, user));
    if (refused.isPresent()) {
      return ResponseEntity.status(refused.get().getStatus()).body(refused.get());
    }
    LeadStore.CycleOwner has = cycle.get();
    String ownerName = has.owner() == null ? null : nameOf(has.owner(), caller);
    ZoneId zone = directory.timeZoneOf(caller.getUserId()).orElse(teamZone);
    String due = has.respondBy() == null ? null
        : HumanTime.deadline(has.respondBy(), ClockUtil.getCurrentTime().toInstant(), zone);
    return ResponseEntity.ok(new LeadOwner(leadId, lead.get().name(), lead.get().company(), has.cycle(),
        has.team() != null, has.owner(), ownerName, has.team(), has.respondBy(), due));
  }

  /**
   * The owner's name as the application knows it: a caller who may learn who has the lead may learn that
   * person's name, whether or not Camunda lets them read users (reps and marketing may not).
   */
  private String nameOf(String owner, Authentication caller) {
    identityService.clearAuthentication();
    try {
      return directory.fullNameOf(owner).orElse(owner);
    } finally {
      identityService.setAuthentication(caller);
    }
  }
}

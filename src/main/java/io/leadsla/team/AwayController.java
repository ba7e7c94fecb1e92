package io.leadsla.team;

import io.leadsla.web.Problems;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /team/me/away}: a rep says they are out of office (or back). While away, alerts and warnings for their
 * leads go to the rest of their team. Needs a Camunda login (webapp session or HTTP Basic, see CamundaLoginFilter).
 */
@RestController
class AwayController {

  private final IdentityService identityService;
  private final TeamDirectory directory;

  AwayController(IdentityService identityService, TeamDirectory directory) {
    this.identityService = identityService;
    this.directory = directory;
  }

  /** Whether a rep is away. */
  record AwayStatus(String user, boolean away) {}

  @GetMapping("/team/me/away")
  AwayStatus status() {
    String user = currentUser();
    return new AwayStatus(user, directory.isAway(user));
  }

  @PutMapping(path = "/team/me/away", consumes = "application/json")
  ResponseEntity<?> set(@RequestBody Map<String, Object> body) {
    if (body.size() != 1 || !(body.get("away") instanceof Boolean away)) {
      return ResponseEntity.unprocessableEntity()
          .body(Problems.of(422, "Send {\"away\": true} or {\"away\": false}"));
    }
    String user = currentUser();
    directory.setAway(user, away);
    return ResponseEntity.ok(new AwayStatus(user, away));
  }

  private String currentUser() {
    Authentication authentication = identityService.getCurrentAuthentication();
    if (authentication == null) {
      throw new IllegalStateException("/team/* is served only behind CamundaLoginFilter");
    }
    return authentication.getUserId();
  }
}

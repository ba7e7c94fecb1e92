package io.leadsla.lead;

import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.stereotype.Component;

/**
 * Task listener on the AE's task: an accepted opportunity is a logged first contact, a rejection needs a reason,
 * a pause (the meeting is next week) a follow-up date and a reason.
 */
@Component("opportunityHandoff")
public class OpportunityHandoff {

  /** How an AE's reject begins the cycle's reason: the reports tell an AE's reject from other ends by it. */
  public static final String REJECTED = "Rejected by the Account Executive: ";

  private final LeadTouches touches;

  OpportunityHandoff(LeadTouches touches) {
    this.touches = touches;
  }

  public void record(DelegateTask task) {
    String decision = Inputs.oneOf(task, "handoffDecision", Set.of("accepted", "rejected", "pause"));
    if (decision.equals("pause")) {
      SlaPauseRequest.validate(task, Inputs.optionalText(task, "pauseReason", 1000));
    } else if (decision.equals("accepted")) {
      String channel = Inputs.oneOf(task, "touchChannel", Touch.CHANNELS);
      // the AE's first contact: a conversation, or an introduction by e-mail; never a "conversation by SMS"
      String outcome = channel.equals("email") ? "email_sent" : Touch.CONNECTED;
      Touch.mismatch(channel, outcome).ifPresent(problem -> {
        throw new InvalidInputException("the first contact of an accepted opportunity: " + problem);
      });
      touches.log(task, channel, outcome, Inputs.optionalText(task, "touchNote", 2000));
    } else {
      String reason = Inputs.requiredText(task, "rejectReason", 1000);
      task.setVariable("dispositionReason", REJECTED + reason);
    }
  }
}

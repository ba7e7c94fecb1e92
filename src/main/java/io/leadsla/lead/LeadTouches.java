package io.leadsla.lead;

import io.leadsla.metrics.SlaCounters;
import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/** Task listener on every task where a rep touches a lead: validates the touch, logs it, keeps the counters. */
@Component("leadTouches")
public class LeadTouches {

  private final TouchLog touchLog;
  private final SlaCounters meters;

  LeadTouches(TouchLog touchLog, SlaCounters meters) {
    this.touchLog = touchLog;
    this.meters = meters;
  }

  public void record(DelegateTask task) {
    String channel = Inputs.oneOf(task, "touchChannel", Touch.CHANNELS);
    String outcome = Inputs.oneOf(task, "touchOutcome", Touch.OUTCOMES);
    String note = Inputs.optionalText(task, "touchNote", 2000);
    Touch.mismatch(channel, outcome).ifPresent(problem -> {
      throw new InvalidInputException(problem);
    });
    log(task, channel, outcome, note);
  }

  /** Logs a touch whose fields were already checked, e.g. the AE's first contact. */
  void log(DelegateTask task, String channel, String outcome, String note) {
    Date now = ClockUtil.getCurrentTime();
    int cycle = CycleVariables.cycle(task);
    touchLog.add(new Touch(task.getExecution().getProcessBusinessKey(), cycle, task.getProcessInstanceId(),
        CycleVariables.stage(task), now.toInstant(), task.getAssignee() == null ? "unknown" : task.getAssignee(),
        channel, outcome, note));
    meters.touch(outcome);
    int touches = ((Number) task.getVariable("touchCount")).intValue() + 1;
    task.setVariable("touchCount", touches);
    task.setVariable("lastTouchAt", now);
    task.setVariable("lastTouchChannel", channel);
    task.setVariable("lastTouchOutcome", outcome);
    if (task.getVariable("cadenceStartedAt") instanceof Date started) {
      CadencePlan plan = new CadencePlan(started.toInstant(),
          ((Number) task.getVariable("cadenceTouches")).intValue(), ((Number) task.getVariable("cadenceDays")).intValue());
      task.setVariable("nextTouchDue", Date.from(plan.nextTouchDue(touches)));
    }
    // The next touch form must start empty, not with this touch's answers.
    task.removeVariable("touchChannel");
    task.removeVariable("touchOutcome");
    task.removeVariable("touchNote");
  }
}

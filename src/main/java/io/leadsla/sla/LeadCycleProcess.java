package io.leadsla.sla;

/** Ids of bpmn/LeadCycle.bpmn that Java code and tests refer to. */
public final class LeadCycleProcess {

  public static final String KEY = "LeadCycle";
  public static final String MESSAGE_LEAD_SUBMITTED = "LeadSubmitted";

  public static final String START_LEAD_ENTERED_MANUALLY = "StartEvent_LeadEnteredManually";
  /** Intake's step; its asyncAfter job carries the rest of a new lead's start. */
  public static final String TASK_PREPARE_LEAD = "Task_PrepareLead";
  /** The first owner's pick; its asyncAfter job sets up the response stage. */
  public static final String TASK_ASSIGN_OWNER = "Task_AssignOwner";

  public static final String TASK_RESPOND_TO_LEAD = "Task_RespondToLead";
  public static final String TASK_LOG_TOUCH = "Task_LogTouch";
  public static final String TASK_QUALIFY_LEAD = "Task_QualifyLead";
  public static final String TASK_ACCEPT_OPPORTUNITY = "Task_AcceptOpportunity";
  public static final String BOUNDARY_CADENCE_ENDED = "BoundaryEvent_CadenceEnded";

  public static final String END_QUALIFIED = "EndEvent_Qualified";
  public static final String END_NURTURE = "EndEvent_Nurture";
  public static final String END_UNQUALIFIED = "EndEvent_Unqualified";

  /** The ids of one SLA stage follow one pattern, e.g. BoundaryEvent_ResponseSlaBreached. */
  public static String stageElement(SlaStage stage, String pattern) {
    return pattern.replace("{Stage}", stage.idPart());
  }

  public static String workTask(SlaStage stage) {
    return switch (stage) {
      case RESPONSE -> TASK_RESPOND_TO_LEAD;
      case QUALIFICATION -> TASK_QUALIFY_LEAD;
      case HANDOFF -> TASK_ACCEPT_OPPORTUNITY;
    };
  }

  public static String interventionTask(SlaStage stage) {
    return stageElement(stage, "Task_InterveneOn{Stage}");
  }

  public static String warningTimer(SlaStage stage) {
    return stageElement(stage, "BoundaryEvent_{Stage}SlaWarning");
  }

  public static String breachTimer(SlaStage stage) {
    return stageElement(stage, "BoundaryEvent_{Stage}SlaBreached");
  }

  public static String executiveTimer(SlaStage stage) {
    return stageElement(stage, "BoundaryEvent_{Stage}SlaEscalated");
  }

  public static String expiryTimer(SlaStage stage) {
    return stageElement(stage, "BoundaryEvent_{Stage}SlaExpired");
  }

  public static String alertTask(SlaStage stage) {
    return stageElement(stage, "Task_Alert{Stage}Owner");
  }

  private LeadCycleProcess() {}
}

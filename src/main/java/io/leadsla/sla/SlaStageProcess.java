package io.leadsla.sla;

/** Ids of bpmn/SlaStage.bpmn, the clock around one stage's work, that Java code and tests refer to. */
public final class SlaStageProcess {

  public static final String KEY = "SlaStage";

  public static final String TASK_RESPOND_TO_LEAD = "Task_RespondToLead";
  public static final String TASK_QUALIFY_LEAD = "Task_QualifyLead";
  public static final String TASK_ACCEPT_OPPORTUNITY = "Task_AcceptOpportunity";
  public static final String TASK_INTERVENE = "Task_InterveneOnSla";

  public static final String TASK_ALERT_OWNER = "Task_AlertOwner";
  public static final String TASK_SEND_WARNING = "Task_SendWarning";
  public static final String TASK_SEND_BREACH = "Task_SendBreach";
  public static final String TASK_SEND_ESCALATION = "Task_SendEscalation";

  public static final String WARNING_TIMER = "BoundaryEvent_SlaWarning";
  public static final String BREACH_TIMER = "BoundaryEvent_SlaBreached";
  public static final String EXECUTIVE_TIMER = "BoundaryEvent_SlaEscalated";
  public static final String EXPIRY_TIMER = "BoundaryEvent_SlaExpired";
  public static final String PAUSE_ENDS = "Event_PauseEnds";

  public static final String END_STAGE_DONE = "EndEvent_StageDone";
  public static final String END_NO_REASSIGNMENT_LEFT = "EndEvent_NoReassignmentLeft";
  public static final String END_MANAGER_NURTURED = "EndEvent_ManagerNurtured";
  public static final String END_MANAGER_UNQUALIFIED = "EndEvent_ManagerUnqualified";

  public static String workTask(SlaStage stage) {
    return switch (stage) {
      case RESPONSE -> TASK_RESPOND_TO_LEAD;
      case QUALIFICATION -> TASK_QUALIFY_LEAD;
      case HANDOFF -> TASK_ACCEPT_OPPORTUNITY;
    };
  }

  private SlaStageProcess() {}
}

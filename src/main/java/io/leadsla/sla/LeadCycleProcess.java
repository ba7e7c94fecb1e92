package io.leadsla.sla;

/** Ids of bpmn/LeadCycle.bpmn that Java code and tests refer to. */
public final class LeadCycleProcess {

  public static final String KEY = "LeadCycle";
  public static final String MESSAGE_LEAD_SUBMITTED = "LeadSubmitted";

  public static final String START_LEAD_ENTERED_MANUALLY = "StartEvent_LeadEnteredManually";
  /** Intake's step; its asyncAfter job carries the rest of a new lead's start. */
  public static final String TASK_PREPARE_LEAD = "Task_PrepareLead";
  /** The first owner's pick, in the start job; only leads of older versions wait in a job after it. */
  public static final String TASK_ASSIGN_OWNER = "Task_AssignOwner";

  /** The stages' work tasks, in bpmn/SlaStage.bpmn (their ids are those of the LeadCycle versions before it). */
  public static final String TASK_RESPOND_TO_LEAD = SlaStageProcess.TASK_RESPOND_TO_LEAD;
  public static final String TASK_QUALIFY_LEAD = SlaStageProcess.TASK_QUALIFY_LEAD;
  public static final String TASK_ACCEPT_OPPORTUNITY = SlaStageProcess.TASK_ACCEPT_OPPORTUNITY;
  public static final String TASK_LOG_TOUCH = "Task_LogTouch";
  public static final String BOUNDARY_CADENCE_ENDED = "BoundaryEvent_CadenceEnded";

  public static final String END_QUALIFIED = "EndEvent_Qualified";
  public static final String END_NURTURE = "EndEvent_Nurture";
  public static final String END_UNQUALIFIED = "EndEvent_Unqualified";

  /** The call of bpmn/SlaStage.bpmn for each stage. */
  public static String stageCall(SlaStage stage) {
    return "CallActivity_" + stage.idPart() + "Stage";
  }

  private LeadCycleProcess() {}
}

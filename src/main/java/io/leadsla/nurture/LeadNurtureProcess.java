package io.leadsla.nurture;

/** Ids of bpmn/LeadNurture.bpmn that Java code and tests refer to. */
public final class LeadNurtureProcess {

  public static final String KEY = "LeadNurture";
  public static final String MESSAGE_LEAD_NURTURED = "LeadNurtured";
  /** A new cycle of the lead started some other way (a new submission): the nurture instance ends. */
  public static final String MESSAGE_LEAD_RETURNED = "LeadReturned";
  /** Engagement lifted the score to the threshold: the nurture instance starts the next cycle. */
  public static final String MESSAGE_LEAD_ENGAGED = "LeadEngaged";

  public static final String WAIT_FOR_LEAD = "Gateway_WaitForLead";
  public static final String RECONTACT_DATE_REACHED = "Event_RecontactDateReached";
  public static final String END_BACK_BY_SUBMISSION = "EndEvent_BackBySubmission";
  public static final String END_BACK_BY_ENGAGEMENT = "EndEvent_BackByEngagement";
  public static final String END_BACK_ON_RECONTACT_DATE = "EndEvent_BackOnRecontactDate";

  private LeadNurtureProcess() {}
}

package io.leadsla.engine;

import java.util.Set;
import org.camunda.bpm.engine.impl.history.AbstractHistoryLevel;
import org.camunda.bpm.engine.impl.history.event.HistoryEventType;
import org.camunda.bpm.engine.impl.history.event.HistoryEventTypes;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;

/**
 * History level {@code lead-sla}: the engine's own record of what happened to a lead's clocks, without the
 * bookkeeping of every step. It keeps process instances (start, end and the end event they ended at), user tasks
 * (who had them, when, how long), and the activity instances of what a manager asks about: the stages (call
 * activities), the rep's and manager's tasks, every SLA timer or message that fired (boundary and intermediate
 * events). Gateways, service and send tasks, start and end events and sub-process scopes, about 20 rows per
 * lead, are not written, nor are variables (the lead store has the facts). Cockpit (community edition) and our
 * reports read none of it; the engine's history API does.
 */
public class LeadSlaHistoryLevel extends AbstractHistoryLevel {

  public static final String NAME = "lead-sla";
  static final int ID = 21;

  private static final Set<HistoryEventType> INSTANCES_AND_TASKS = Set.of(
      HistoryEventTypes.PROCESS_INSTANCE_START, HistoryEventTypes.PROCESS_INSTANCE_UPDATE,
      HistoryEventTypes.PROCESS_INSTANCE_MIGRATE, HistoryEventTypes.PROCESS_INSTANCE_END,
      HistoryEventTypes.TASK_INSTANCE_CREATE, HistoryEventTypes.TASK_INSTANCE_UPDATE,
      HistoryEventTypes.TASK_INSTANCE_MIGRATE, HistoryEventTypes.TASK_INSTANCE_COMPLETE,
      HistoryEventTypes.TASK_INSTANCE_DELETE);
  private static final Set<HistoryEventType> ACTIVITY_INSTANCES = Set.of(
      HistoryEventTypes.ACTIVITY_INSTANCE_START, HistoryEventTypes.ACTIVITY_INSTANCE_UPDATE,
      HistoryEventTypes.ACTIVITY_INSTANCE_MIGRATE, HistoryEventTypes.ACTIVITY_INSTANCE_END);

  @Override
  public int getId() {
    return ID;
  }

  @Override
  public String getName() {
    return NAME;
  }

  @Override
  public boolean isHistoryEventProduced(HistoryEventType eventType, Object entity) {
    if (INSTANCES_AND_TASKS.contains(eventType)) {
      return true;
    }
    if (!ACTIVITY_INSTANCES.contains(eventType)) {
      return false;
    }
    if (!(entity instanceof ExecutionEntity execution)) {
      return true;   // asked without an execution (a general question, a migration): yes, decided per activity
    }
    ActivityImpl activity = execution.getActivity();
    return activity != null && kept((String) activity.getProperty("type"));
  }

  /** The stages, the tasks, and every event that fired on a lead's clock. */
  static boolean kept(String activityType) {
    return activityType != null && (activityType.equals("userTask") || activityType.equals("callActivity")
        || activityType.startsWith("boundary") || activityType.startsWith("intermediate"));
  }
}

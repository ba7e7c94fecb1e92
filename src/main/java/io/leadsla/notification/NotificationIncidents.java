package io.leadsla.notification;

import io.leadsla.notification.NotificationOutbox.Claimed;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ActivityInstance;
import org.camunda.bpm.engine.runtime.Incident;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The incident that shows a manager in Cockpit that a notification could not be sent: raised where the lead's
 * instance waits when its automatic attempts are spent, resolved when it finally goes out. Each call is an engine
 * command of its own; the sender calls them holding no connection.
 */
@Component
class NotificationIncidents {

  private static final Logger LOG = LoggerFactory.getLogger(NotificationIncidents.class);
  static final String TYPE = "failedNotification";

  private final RuntimeService runtime;

  NotificationIncidents(RuntimeService runtime) {
    this.runtime = runtime;
  }

  /** The incident's id, or null if the lead's instance has ended (or the notification belongs to none). */
  String raise(Claimed notification, String error) {
    if (notification.processInstanceId() == null) {
      return null;
    }
    try {
      String execution = waitingExecution(notification.processInstanceId());
      if (execution == null) {
        return null;
      }
      Incident incident = runtime.createIncident(TYPE, execution, Long.toString(notification.id()),
          "Could not send " + notification.kind() + " to " + notification.recipient() + " (tried again every hour): "
              + error);
      return incident.getId();
    } catch (RuntimeException ended) {
      LOG.info("No incident for notification {} on instance {}: {}", notification.dedupKey(),
          notification.processInstanceId(), ended.getMessage());
      return null;
    }
  }

  /** Whether Cockpit still shows the incident: it ends with the execution it was raised on. */
  boolean stillOpen(String incidentId) {
    return incidentId != null && runtime.createIncidentQuery().incidentId(incidentId).count() == 1;
  }

  void resolve(String incidentId) {
    try {
      runtime.resolveIncident(incidentId);
    } catch (RuntimeException e) {
      // usually the instance ended meanwhile, and its incidents with it
      LOG.info("Incident {} not resolved: {}", incidentId, e.getMessage());
    }
  }

  /** Where the instance waits now (its first waiting activity): an incident needs an execution at an activity. */
  private String waitingExecution(String processInstanceId) {
    ActivityInstance at = runtime.getActivityInstance(processInstanceId);
    if (at == null) {
      return null;   // ended
    }
    while (at.getChildActivityInstances().length > 0) {
      at = at.getChildActivityInstances()[0];
    }
    if (at.getChildTransitionInstances().length > 0) {
      return at.getChildTransitionInstances()[0].getExecutionId();
    }
    return at.getExecutionIds().length > 0 ? at.getExecutionIds()[0] : null;
  }
}

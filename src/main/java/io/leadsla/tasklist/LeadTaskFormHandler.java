package io.leadsla.tasklist;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadsla.lead.CycleVariables;
import io.leadsla.lead.LeadFields;
import io.leadsla.lead.LeadOfCycle;
import io.leadsla.lead.LeadStore;
import io.leadsla.routing.LeadRouting;
import io.leadsla.sla.SlaClockLog;
import io.leadsla.sla.StageClock;
import io.leadsla.team.TeamDirectory;
import io.leadsla.timeline.HumanTime;
import io.leadsla.timeline.LeadTimeline;
import java.io.IOException;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.form.FormField;
import org.camunda.bpm.engine.form.TaskFormData;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.form.FormFieldImpl;
import org.camunda.bpm.engine.impl.form.handler.DefaultTaskFormHandler;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ResourceEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.value.TypedValue;

/**
 * The form handler of LeadCycle's user tasks ({@code camunda:formHandlerClass}). The lead's details are not
 * process variables: Tasklist asks for the task's form variables, and this adds them from the lead store (and
 * whether the stage's SLA was extended from its clock). When the form comes back through submit-form, those
 * read-only fields are dropped, so a Tasklist form never writes the lead's details, and a submission writes only
 * the fields of the task's form ({@link FormFields}). The engine's plain {@code /task/{id}/complete} and variable
 * calls do not pass a form handler: over REST, only admins may write variables that way
 * ({@code security/EngineRestWriteGuard}).
 */
public class LeadTaskFormHandler extends DefaultTaskFormHandler {

  /** Shown in the forms, never written by them. */
  static final Set<String> SHOWN_ONLY = Set.of("leadName", "email", "company", "phone", "region", "source", "score",
      "leadMessage", "slaExtended", "slaDeadline", "timeline");

  @Override
  public TaskFormData createTaskForm(TaskEntity task) {
    TaskFormData form = super.createTaskForm(task);
    ExecutionEntity execution = task.getExecution();
    if (execution == null || execution.getProcessBusinessKey() == null) {
      return form;
    }
    LeadTimeline timeline = bean(execution, "leadTimeline", LeadTimeline.class);
    ZoneId zone = viewersZone(execution, timeline);
    Map<String, TypedValue> values = shownValues(execution, timeline, zone);
    formOf(task).ifPresent(fields -> {
      readable(execution, fields.shownOnly(), zone, values);
      if (fields.writable().containsKey(LeadRouting.CHOSEN_REP)) {
        values.put(REP_CHOICES, repChoices(execution));
      }
    });
    values.forEach((id, value) -> form.getFormFields().add(field(id, value)));
    return form;
  }

  /**
   * What a form only shows, as people read it (a form field's value comes before the variable of that name):
   * the booked meeting's time in the team's zone, the owner by name.
   */
  private static void readable(ExecutionEntity execution, Set<String> shownOnly, ZoneId zone,
      Map<String, TypedValue> values) {
    if (shownOnly.contains("meetingAt") && execution.getVariable("meetingAt") instanceof String meeting) {
      try {
        values.put("meetingAt", Variables.stringValue(HumanTime.at(OffsetDateTime.parse(meeting).toInstant(), zone)));
      } catch (DateTimeParseException notADateTime) {
        // shown as it was given
      }
    }
    if (shownOnly.contains("owner") && CycleVariables.owner(execution) != null) {
      values.put("owner", Variables.stringValue(nameAndId(execution, CycleVariables.owner(execution))));
    }
  }

  /**
   * A submitted form writes only the fields its Camunda Form lets the user fill in, with values they allow: a
   * name the form does not have, or a value out of its options, length or range, refuses the whole submission
   * (400 over REST, nothing written). Fields the form only shows are dropped: Tasklist may send them back.
   */
  @Override
  public void submitFormVariables(VariableMap properties, VariableScope variableScope) {
    Optional<FormFields> form = variableScope instanceof TaskEntity task ? formOf(task) : Optional.empty();
    List<String> problems = form.map(fields -> fields.problems(properties)).orElse(List.of());
    if (!problems.isEmpty()) {
      // the form validation error of the engine: its REST API answers it 400 with the message
      throw new FormFieldValidationException(problems, String.join("; ", problems));
    }
    Set<String> shownOnly = form.map(FormFields::shownOnly).orElse(Set.of());
    VariableMap written = Variables.createVariables();
    properties.keySet().stream().filter(name -> !SHOWN_ONLY.contains(name) && !shownOnly.contains(name))
        .forEach(name -> written.putValueTyped(name, properties.getValueTyped(name)));
    super.submitFormVariables(written, variableScope);
  }

  /** The deployed Camunda Form of the task ({@code camunda:formRef}, binding deployment), read once per deployment. */
  private static Optional<FormFields> formOf(TaskEntity task) {
    if (task.getTaskDefinition() == null || task.getTaskDefinition().getCamundaFormDefinitionKey() == null
        || task.getProcessDefinitionId() == null) {
      return Optional.empty();
    }
    String formId = task.getTaskDefinition().getCamundaFormDefinitionKey().getExpressionText();
    String deploymentId = task.getExecution().getProcessDefinition().getDeploymentId();
    String key = deploymentId + "/" + formId;
    FormFields known = FORMS.get(key);
    if (known == null) {
      // not computeIfAbsent: the resources are read from the database, and no map lock is held meanwhile
      known = Context.getCommandContext().getResourceManager().findResourcesByDeploymentId(deploymentId).stream()
          .filter(resource -> resource.getName().endsWith(".form"))
          .map(LeadTaskFormHandler::parse)
          .filter(form -> form.formId().equals(formId)).findFirst().orElse(null);
      if (known != null) {
        FORMS.putIfAbsent(key, known);
      }
    }
    return Optional.ofNullable(known);
  }

  private static FormFields parse(ResourceEntity resource) {
    try {
      return FormFields.parse(resource.getBytes());
    } catch (IOException e) {
      throw new IllegalStateException("The form " + resource.getName() + " is not valid JSON", e);
    }
  }

  /** Forms per deployment and id: a deployed form never changes. */
  private static final Map<String, FormFields> FORMS = new ConcurrentHashMap<>();

  private static Map<String, TypedValue> shownValues(ExecutionEntity execution, LeadTimeline timeline, ZoneId zone) {
    Map<String, TypedValue> values = new LinkedHashMap<>();
    LeadFields lead = bean(execution, "leadOfCycle", LeadOfCycle.class).find(execution)
        .map(LeadStore.CycleLead::fields).orElse(null);
    if (lead == null) {
      return values;   // an instance without a cycle in the lead store shows the fields it carries as variables
    }
    values.put("leadName", Variables.stringValue(lead.name()));
    values.put("email", Variables.stringValue(lead.email()));
    values.put("company", Variables.stringValue(lead.company()));
    values.put("phone", Variables.stringValue(lead.phone()));
    values.put("region", Variables.stringValue(lead.region()));
    values.put("source", Variables.stringValue(lead.source()));
    values.put("score", Variables.integerValue(lead.score()));
    values.put("leadMessage", Variables.stringValue(lead.message()));
    values.put("timeline", Variables.stringValue(timeline.text(execution.getProcessBusinessKey(), zone)));
    if (CycleVariables.stage(execution) != null) {
      SlaClockLog.ClockRun clock = bean(execution, "slaClock", StageClock.class).current(execution);
      // instances from before clock runs kept it have the extension in a variable
      boolean extended = clock.extended() || Boolean.TRUE.equals(execution.getVariable("slaExtended"));
      values.put("slaExtended", Variables.booleanValue(extended));
      // as people read it: "Tue 3 Mar 09:05 UTC, in 4 min", "..., overdue by 12 min"
      values.put("slaDeadline", Variables.stringValue(HumanTime.deadline(clock.deadline(),
          ClockUtil.getCurrentTime().toInstant(), zone)));
    }
    return values;
  }

  /** The zone the viewer set for themselves (user info {@code timeZone}, in Admin), else the sales team's. */
  private static ZoneId viewersZone(ExecutionEntity execution, LeadTimeline timeline) {
    String viewer = Context.getCommandContext().getAuthenticatedUserId();
    return viewer == null ? timeline.teamZone() : bean(execution, "camundaTeamDirectory", TeamDirectory.class)
        .timeZoneOf(viewer).orElse(timeline.teamZone());
  }

  /** "Sara Lead (sara)", or the id alone for a user without a name. */
  private static String nameAndId(ExecutionEntity execution, String user) {
    return bean(execution, "camundaTeamDirectory", TeamDirectory.class).fullNameOf(user)
        .map(name -> name + " (" + user + ")").orElse(user);
  }

  /** The options of the intervention's rep picker (its select's {@code valuesKey}). */
  static final String REP_CHOICES = "repChoices";

  /**
   * The reps a manager may give the lead to, as the select's options: JSON, which Tasklist reads for a
   * {@code valuesKey} (kept serialized: no Java object is ever made of it).
   */
  private static TypedValue repChoices(ExecutionEntity execution) {
    List<Map<String, String>> options = bean(execution, "leadRouting", LeadRouting.class).availableFor(execution)
        .stream().map(rep -> Map.of("value", rep, "label", nameAndId(execution, rep))).toList();
    try {
      return Variables.serializedObjectValue(JSON.writeValueAsString(options))
          .serializationDataFormat(Variables.SerializationDataFormats.JSON).objectTypeName("java.util.ArrayList")
          .create();
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  /** A bean as the process's expressions see it (the handler is made by the engine, not by Spring). */
  private static <T> T bean(ExecutionEntity execution, String name, Class<T> type) {
    return type.cast(Context.getProcessEngineConfiguration().getExpressionManager()
        .createExpression("${" + name + "}").getValue(execution));
  }

  private static FormField field(String id, TypedValue value) {
    FormFieldImpl field = new FormFieldImpl();
    field.setId(id);
    field.setValue(value);
    return field;
  }
}

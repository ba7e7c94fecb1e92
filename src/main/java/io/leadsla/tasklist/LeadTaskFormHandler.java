package io.leadsla.tasklist;

import io.leadsla.lead.CycleVariables;
import io.leadsla.lead.LeadFields;
import io.leadsla.lead.LeadOfCycle;
import io.leadsla.lead.LeadStore;
import io.leadsla.sla.SlaClockLog;
import io.leadsla.sla.StageClock;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.form.FormField;
import org.camunda.bpm.engine.form.TaskFormData;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.form.FormFieldImpl;
import org.camunda.bpm.engine.impl.form.handler.DefaultTaskFormHandler;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.value.TypedValue;

/**
 * The form handler of LeadCycle's user tasks ({@code camunda:formHandlerClass}). The lead's details are not
 * process variables: Tasklist asks for the task's form variables, and this adds them from the lead store (and
 * whether the stage's SLA was extended from its clock). When the form comes back through submit-form, those
 * read-only fields are dropped, so a Tasklist form never writes the lead's details. (The engine's plain
 * {@code /task/{id}/complete} does not pass through a form handler; holding it to a task's own fields is issue 13.)
 */
public class LeadTaskFormHandler extends DefaultTaskFormHandler {

  /** Shown in the forms, never written by them. */
  static final Set<String> SHOWN_ONLY = Set.of("leadName", "email", "company", "phone", "region", "source", "score",
      "leadMessage", "slaExtended", "slaDeadline");

  @Override
  public TaskFormData createTaskForm(TaskEntity task) {
    TaskFormData form = super.createTaskForm(task);
    ExecutionEntity execution = task.getExecution();
    if (execution == null || execution.getProcessBusinessKey() == null) {
      return form;
    }
    shownValues(execution).forEach((id, value) -> form.getFormFields().add(field(id, value)));
    return form;
  }

  @Override
  public void submitFormVariables(VariableMap properties, VariableScope variableScope) {
    VariableMap written = Variables.createVariables();
    properties.keySet().stream().filter(name -> !SHOWN_ONLY.contains(name))
        .forEach(name -> written.putValueTyped(name, properties.getValueTyped(name)));
    super.submitFormVariables(written, variableScope);
  }

  private static Map<String, TypedValue> shownValues(ExecutionEntity execution) {
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
    if (CycleVariables.stage(execution) != null) {
      SlaClockLog.ClockRun clock = bean(execution, "slaClock", StageClock.class).current(execution);
      // instances from before clock runs kept it have the extension in a variable
      boolean extended = clock.extended() || Boolean.TRUE.equals(execution.getVariable("slaExtended"));
      values.put("slaExtended", Variables.booleanValue(extended));
      values.put("slaDeadline", Variables.dateValue(Date.from(clock.deadline())));
    }
    return values;
  }

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

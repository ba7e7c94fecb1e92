package io.leadsla.engine;

import io.leadsla.lead.InvalidInputException;
import java.util.ArrayList;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.exception.NullValueException;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.CompleteTaskCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitTaskFormCmd;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.springframework.stereotype.Component;

/**
 * The caller's mistakes that the engine reports as its own failures, which its REST API answers with a 500 and
 * the engine's text, turned into the errors it answers with a 400 and a sentence. The transaction is rolled back
 * as before.
 * <ul>
 *   <li>A task completed or its form submitted with input its listener refuses ("touchOutcome is required"): the
 *   listener's {@link InvalidInputException} arrives wrapped in the engine's errors.</li>
 *   <li>A task that is not open (done already in another tab, or never there).</li>
 *   <li>A Java-serialized variable, which the engine refuses (Java serialization is off), in any command.</li>
 * </ul>
 * The task commands' REST resources answer only a form validation error with a 400, the others a bad request.
 */
@Component
class CallerInputErrors extends AbstractProcessEnginePlugin {

  static final String TASK_NOT_OPEN = "the task is not open: it was completed already, or it never existed";
  static final String NO_JAVA_SERIALIZATION = "a variable cannot be stored with Java serialization "
      + "(application/x-java-serialized-object): send JSON or a plain value";

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    if (configuration.getCustomPreCommandInterceptorsTxRequired() == null) {
      configuration.setCustomPreCommandInterceptorsTxRequired(new ArrayList<>());
    }
    configuration.getCustomPreCommandInterceptorsTxRequired().add(new AsBadRequests());
  }

  static final class AsBadRequests extends CommandInterceptor {

    @Override
    public <T> T execute(Command<T> command) {
      try {
        return next.execute(command);
      } catch (ProcessEngineException e) {
        if (e instanceof FormFieldValidationException || e instanceof BadUserRequestException) {
          throw e;
        }
        boolean taskCommand = command instanceof CompleteTaskCmd || command instanceof SubmitTaskFormCmd;
        String mistake = mistake(e, taskCommand);
        if (mistake == null) {
          throw e;
        }
        throw taskCommand ? new FormFieldValidationException(mistake, mistake, e)
            : new BadUserRequestException(mistake, e);
      }
    }

    private static String mistake(ProcessEngineException error, boolean taskCommand) {
      String message = error.getMessage() == null ? "" : error.getMessage();
      if (message.contains("Java serialization format is prohibited")) {
        return NO_JAVA_SERIALIZATION;
      }
      if (!taskCommand) {
        return null;
      }
      if (error instanceof NullValueException && message.startsWith("Cannot find task with id")) {
        return TASK_NOT_OPEN;
      }
      for (Throwable cause = error; cause != null; cause = cause.getCause()) {
        if (cause instanceof InvalidInputException input) {
          return input.getMessage();
        }
      }
      return null;
    }
  }
}

package io.leadsla.engine;

import io.leadsla.lead.InvalidInputException;
import java.util.ArrayList;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.CompleteTaskCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitTaskFormCmd;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.springframework.stereotype.Component;

/**
 * A task completed or its form submitted with input its listener refuses ("touchOutcome is required") is the
 * user's mistake: the engine wraps the listener's {@link InvalidInputException} in its own errors, which its REST
 * API answers with a 500 and the expression's text. This turns it into the engine's form validation error, which
 * the REST API answers with a 400 and the listener's sentence. The transaction is rolled back as before.
 */
@Component
class TaskInputErrors extends AbstractProcessEnginePlugin {

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    if (configuration.getCustomPreCommandInterceptorsTxRequired() == null) {
      configuration.setCustomPreCommandInterceptorsTxRequired(new ArrayList<>());
    }
    configuration.getCustomPreCommandInterceptorsTxRequired().add(new AsFormErrors());
  }

  static final class AsFormErrors extends CommandInterceptor {

    @Override
    public <T> T execute(Command<T> command) {
      try {
        return next.execute(command);
      } catch (ProcessEngineException e) {
        if (!(command instanceof CompleteTaskCmd || command instanceof SubmitTaskFormCmd)
            || e instanceof FormFieldValidationException) {
          throw e;
        }
        InvalidInputException input = invalidInput(e);
        if (input == null) {
          throw e;
        }
        throw new FormFieldValidationException(input.getMessage(), input.getMessage(), e);
      }
    }

    private static InvalidInputException invalidInput(Throwable error) {
      for (Throwable cause = error; cause != null; cause = cause.getCause()) {
        if (cause instanceof InvalidInputException input) {
          return input;
        }
      }
      return null;
    }
  }
}

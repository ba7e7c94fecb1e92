package io.leadsla.engine;

import io.leadsla.sla.LeadCycleProcess;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.DefaultJobPriorityProvider;
import org.camunda.bpm.engine.impl.jobexecutor.JobDeclaration;
import org.camunda.bpm.engine.impl.jobexecutor.TimerDeclarationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.springframework.stereotype.Component;

/**
 * Job priorities, and acquisition by priority: a backlog of new leads never delays the clock of a lead already
 * being worked. Timers (warnings, breaches, escalations, expiries, cadence and nurture dates) come first; then
 * the follow-up work of leads in progress (the step after a rep's click); last the start of a new lead (its
 * policy, owner and first stage in one job), which a burst piles up by the thousand. Within a priority the
 * earliest due job goes first.
 */
@Component
class TimersFirst extends AbstractProcessEnginePlugin {

  static final long TIMER = 100;
  static final long LEAD_IN_PROGRESS = 50;
  static final long NEW_LEAD = 0;

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    configuration.setProducePrioritizedJobs(true);
    configuration.setJobExecutorAcquireByPriority(true);
    configuration.setJobPriorityProvider(new Priorities());
  }

  /** Explicit priorities in a model still win; everything else is ranked by what kind of work the job is. */
  static final class Priorities extends DefaultJobPriorityProvider {

    @Override
    protected Long getSpecificPriority(ExecutionEntity execution, JobDeclaration<?, ?> declaration, String param) {
      Long modelled = super.getSpecificPriority(execution, declaration, param);
      if (modelled != null) {
        return modelled;
      }
      if (declaration instanceof TimerDeclarationImpl) {
        return TIMER;
      }
      return LeadCycleProcess.TASK_PREPARE_LEAD.equals(declaration.getActivityId()) ? NEW_LEAD : LEAD_IN_PROGRESS;
    }
  }
}

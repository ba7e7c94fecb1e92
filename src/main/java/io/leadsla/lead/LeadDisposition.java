package io.leadsla.lead;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/** End event listener: the cycle's final disposition, whatever path led there. */
@Component("leadDisposition")
public class LeadDisposition {

  public void record(DelegateExecution execution, String disposition) {
    execution.setVariable("disposition", disposition);
    execution.setVariable("dispositionAt", ClockUtil.getCurrentTime());
  }
}

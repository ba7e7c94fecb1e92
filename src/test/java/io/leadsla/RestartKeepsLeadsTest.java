package io.leadsla;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadsla.sla.LeadCycleProcess;
import java.nio.file.Path;
import java.util.Map;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** The embedded default keeps its leads in an H2 file: stop the application, start it again, the lead is there. */
class RestartKeepsLeadsTest {

  @TempDir Path dataDir;

  @Test
  void aLeadSurvivesARestart() {
    String leadId = "L-restart";
    try (ConfigurableApplicationContext first = start()) {
      first.getBean(RuntimeService.class).createMessageCorrelation(LeadCycleProcess.MESSAGE_LEAD_SUBMITTED)
          .processInstanceBusinessKey(leadId)
          .setVariables(Map.of("leadName", "Jo", "email", "jo@example.org", "source", "referral"))
          .correlateStartMessage();
    }
    try (ConfigurableApplicationContext second = start()) {
      RuntimeService runtime = second.getBean(RuntimeService.class);
      assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(leadId).count()).isEqualTo(1);
    }
  }

  @Test
  void aDatabaseWrittenAtFullHistoryStartsAtTheShippedLevelAndKeepsItsLeads() {
    String leadId = "L-full-history";
    try (ConfigurableApplicationContext first = start("--camunda.bpm.history-level=full")) {
      first.getBean(RuntimeService.class).createMessageCorrelation(LeadCycleProcess.MESSAGE_LEAD_SUBMITTED)
          .processInstanceBusinessKey(leadId)
          .setVariables(Map.of("leadName", "Jo", "email", "jo@example.org", "source", "referral"))
          .correlateStartMessage();
      assertThat(first.getBean(ProcessEngineConfigurationImpl.class).getHistoryLevel().getName())
          .isEqualTo("full");
    }
    try (ConfigurableApplicationContext second = start()) {
      assertThat(second.getBean(ProcessEngineConfigurationImpl.class).getHistoryLevel().getName())
          .isEqualTo("lead-sla");
      assertThat(second.getBean(RuntimeService.class).createProcessInstanceQuery().processInstanceBusinessKey(leadId)
          .count()).isEqualTo(1);
    }
  }

  private ConfigurableApplicationContext start(String... more) {
    return new SpringApplicationBuilder(LeadSlaApplication.class).run(java.util.stream.Stream.concat(java.util.stream.Stream.of(
        "--server.port=0",
        "--camunda.bpm.job-execution.enabled=false",
        // the run command's default URL points at ./data; only the folder differs here
        "--spring.datasource.url=jdbc:h2:file:" + dataDir.resolve("leadsla").toAbsolutePath()),
        java.util.Arrays.stream(more)).toArray(String[]::new));
  }
}

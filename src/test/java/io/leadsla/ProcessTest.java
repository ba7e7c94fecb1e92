package io.leadsla;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The whole application on an in-memory H2 database with the job executor off, so a test decides when jobs
 * (timers, mails) run. All process tests share this one Spring context and engine.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(properties = {
    "spring.datasource.url=jdbc:h2:mem:leadsla-process;DB_CLOSE_DELAY=-1",
    "camunda.bpm.job-execution.enabled=false",
    // the coverage gate reads every flow node a test reached; the shipped level keeps fewer (LeadSlaHistoryLevelTest)
    "camunda.bpm.history-level=activity",
    "spring.mail.host=127.0.0.1",
    "spring.mail.port=" + ProcessTest.SMTP_PORT,
    "leadsla.base-url=http://leadsla.test",
    // test teams of WeightedRouterTest; no role the processes route to
    "leadsla.teams.weighted.role=test",
    "leadsla.teams.weighted.weights.weightedann=3",
    "leadsla.teams.weighted.weights.weightedbob=1",
    "leadsla.teams.weighted.weights.weightedcid=2",
    "leadsla.teams.capped.role=test",
    "leadsla.teams.capped.max-open-leads=2",
    // account executives work New York hours (BusinessClockTest); US leads go to their own SDR team
    "leadsla.teams.ae.role=ae",
    "leadsla.teams.ae.zone=America/New_York",
    "leadsla.teams.sdr-us.role=sdr",
    "leadsla.teams.sdr-us.regions=US",
    // Irish leads go to Dublin's SDRs; after hours to the Auckland team, at work while Europe sleeps
    // (LeadAcknowledgementTest); no lead is routed to Auckland otherwise
    "leadsla.teams.sdr-ie.role=sdr",
    "leadsla.teams.sdr-ie.regions=IE",
    "leadsla.teams.sdr-ie.zone=Europe/Dublin",
    "leadsla.teams.sdr-ie.after-hours-team=sdr-nz",
    "leadsla.teams.sdr-nz.role=sdr",
    "leadsla.teams.sdr-nz.regions=NZ-after-hours-only",
    "leadsla.teams.sdr-nz.zone=Pacific/Auckland",
    "leadsla.teams.sdr.role=sdr"
})
public @interface ProcessTest {

  /** GreenMail's test SMTP port. */
  int SMTP_PORT = 3025;
}

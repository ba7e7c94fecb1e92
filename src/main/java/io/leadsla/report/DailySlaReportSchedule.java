package io.leadsla.report;

import io.leadsla.LeadSlaProperties;
import org.springframework.stereotype.Component;

/**
 * The cycle of DailySlaReport's timer start event. A bean of its own with no engine services: the engine reads it
 * while it deploys, before its own services exist.
 */
@Component("dailySlaReportSchedule")
public class DailySlaReportSchedule {

  private final String cron;

  DailySlaReportSchedule(LeadSlaProperties properties) {
    this.cron = properties.report().cron();
  }

  public String getCron() {
    return cron;
  }
}

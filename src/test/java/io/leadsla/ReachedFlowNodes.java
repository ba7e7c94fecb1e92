package io.leadsla;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.engine.HistoryService;

/**
 * Flow nodes reached by test classes that run on an engine of their own (own database), collected for
 * {@link ProcessCoverageTest}; all test classes run in one JVM. Call {@link #record} in such a class's @AfterAll.
 */
public final class ReachedFlowNodes {

  private static final Map<String, Set<String>> REACHED = new ConcurrentHashMap<>();

  private ReachedFlowNodes() {}

  public static void record(HistoryService history) {
    history.createHistoricActivityInstanceQuery().list().forEach(activity -> REACHED
        .computeIfAbsent(activity.getProcessDefinitionKey(), key -> ConcurrentHashMap.newKeySet())
        .add(activity.getActivityId()));
  }

  static Set<String> of(String processKey) {
    return REACHED.getOrDefault(processKey, Set.of());
  }
}

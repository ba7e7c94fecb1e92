package io.leadsla;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Runs after all other test classes (see junit-platform.properties) in the shared process-test engine and fails
 * when a flow node of a BPMN file in bpmn/ was never reached by any process test, there or on an engine of a
 * test class's own ({@link ReachedFlowNodes}).
 */
@ProcessTest
@Order(Integer.MAX_VALUE)
class ProcessCoverageTest {

  @Autowired HistoryService historyService;

  @Test
  void everyFlowNodeOfEveryProcessIsReachedByATest() throws IOException {
    Map<String, Set<String>> missed = new TreeMap<>();
    for (Resource bpmn : new PathMatchingResourcePatternResolver().getResources("classpath*:bpmn/*.bpmn")) {
      BpmnModelInstance model;
      try (InputStream in = bpmn.getInputStream()) {
        model = Bpmn.readModelFromStream(in);
      }
      // one process per file, named after its process id (DESIGN.md)
      String processKey = model.getModelElementsByType(Process.class).iterator().next().getId();
      Set<String> nodes = model.getModelElementsByType(FlowNode.class).stream().map(FlowNode::getId)
          .collect(Collectors.toCollection(TreeSet::new));
      historyService.createHistoricActivityInstanceQuery().list().stream()
          .filter(activity -> processKey.equals(activity.getProcessDefinitionKey()))
          .map(HistoricActivityInstance::getActivityId)
          .forEach(nodes::remove);
      nodes.removeAll(ReachedFlowNodes.of(processKey));
      if (!nodes.isEmpty()) {
        missed.put(processKey, nodes);
      }
    }
    assertThat(missed).as("flow nodes no process test reached (run the whole test suite, not one class)").isEmpty();
  }
}

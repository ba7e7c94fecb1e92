package io.leadsla.tasklist;

import io.leadsla.security.CamundaLoginFilter;
import io.leadsla.security.SalesGroups;
import io.leadsla.sla.SlaStageProcess;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.task.Task;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * The link in every mail about a lead: {@code /leads/{id}/task} opens, in Tasklist, the lead's task that is open
 * now and that the reader may work on, however the lead moved since the mail was sent (reassigned, next stage).
 * A manager gets the lead's intervention task when there is one; others (and managers without one) its work
 * task. Without an open task for the reader, Tasklist opens its list. Needs a Camunda login (the webapps' session
 * or HTTP Basic); the task is looked up as the reader, so nobody is sent to a task they may not see.
 */
@RestController
public class LeadTaskLink {

  /**
   * The task opens in a list sorted by due date, as lead-sla/due-first.js sorts every list Tasklist opens without a
   * sort: on a page opened at a task, Tasklist has read its address before that script runs.
   */
  public static final String DUE_FIRST = "sorting=" + URLEncoder.encode("[{\"sortBy\":\"dueDate\",\"sortOrder\":\"asc\"}]",
      StandardCharsets.UTF_8);

  static final String PATH = "/leads/{leadId}/task";

  private final TaskService taskService;
  private final IdentityService identityService;

  LeadTaskLink(TaskService taskService, IdentityService identityService) {
    this.taskService = taskService;
    this.identityService = identityService;
  }

  /** The stable link of a lead's current task, for mails. */
  public static String of(String baseUrl, String leadId) {
    return baseUrl + "/leads/" + URLEncoder.encode(leadId, StandardCharsets.UTF_8) + "/task";
  }

  @GetMapping(PATH)
  void open(@PathVariable String leadId, HttpServletResponse response) throws IOException {
    Authentication reader = identityService.getCurrentAuthentication();
    if (reader == null) {   // the login filter let it through: it sets the reader on every path it guards
      response.sendError(HttpServletResponse.SC_UNAUTHORIZED);
      return;
    }
    boolean manager = reader.getGroupIds() != null && reader.getGroupIds().contains(SalesGroups.MANAGERS);
    List<Task> open = taskService.createTaskQuery().processInstanceBusinessKey(leadId).active()
        .orderByDueDate().asc().listPage(0, 20);
    String tasklist = "/camunda/app/tasklist/default/";
    Optional<Task> intervention = open.stream()
        .filter(task -> manager && SlaStageProcess.TASK_INTERVENE.equals(task.getTaskDefinitionKey())).findFirst();
    String target = intervention.or(() -> open.stream().findFirst())
        .map(task -> tasklist + "#/?task=" + task.getId() + "&" + DUE_FIRST).orElse(tasklist);
    response.setStatus(HttpServletResponse.SC_SEE_OTHER);
    response.setHeader("Location", target);
  }

  @Configuration(proxyBeanMethods = false)
  static class Login {

    /** Any Camunda user; the task query then shows them only what they may see. */
    @Bean
    FilterRegistrationBean<CamundaLoginFilter> leadTaskLinkLoginFilter(IdentityService identityService) {
      FilterRegistrationBean<CamundaLoginFilter> registration = new FilterRegistrationBean<>(
          CamundaLoginFilter.anyUserOn(identityService, Pattern.compile(PATH.replace("{leadId}", "[^/]+"))));
      registration.setName("lead-task-link-login");
      registration.addUrlPatterns("/leads/*");
      return registration;
    }
  }
}

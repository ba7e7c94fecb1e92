package io.leadsla.tasklist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import io.leadsla.intake.IntakeResult;
import io.leadsla.intake.LeadIntakeService;
import io.leadsla.lead.LeadFields;
import io.leadsla.sla.SlaStageProcess;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A rep's and a manager's day in Tasklist, in Debian's headless Chromium driven through its ChromeDriver: the
 * rep tells leads apart in the list, reads the lead so far in the form, logs a touch and finds the note again in
 * the next task; the manager finds a missed lead under Missed SLA and the mail's link opens her intervention;
 * marketing enters a lead with the start form and is told which lead it became and who has it. Each
 * test keeps a screenshot (target/browser/) and fails on an error in the browser's console. Skipped where no
 * Chromium or ChromeDriver is installed; .ci/run installs both and insists this test ran.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.datasource.url=jdbc:h2:mem:leadsla-tasklist;DB_CLOSE_DELAY=-1",
    "spring.mail.host=127.0.0.1",
    "spring.mail.port=3128"
})
class TasklistBrowserTest {

  static final Path CHROMIUM = Path.of(System.getProperty("leadsla.chromium", "/usr/bin/chromium"));
  static final Path CHROMEDRIVER = Path.of(System.getProperty("leadsla.chromedriver", "/usr/bin/chromedriver"));
  static final Duration PATIENCE = Duration.ofSeconds(30);
  /**
   * What Camunda's webapps ask before anyone logged in, answered 404 by design (is there a session? is the
   * welcome app deployed?), which Chromium logs as failed loads. Every other console error fails the test.
   */
  static final List<String> CAMUNDAS_OWN_PROBES = List.of(
      "/camunda/api/admin/auth/user/default - Failed to load resource: the server responded with a status of 404",
      "/camunda-welcome - Failed to load resource: the server responded with a status of 404");

  @RegisterExtension
  static GreenMailExtension greenMail = new GreenMailExtension(new ServerSetup(3128, "127.0.0.1", "smtp"));

  @LocalServerPort int port;
  @Autowired LeadIntakeService intake;
  @Autowired TaskService taskService;
  @Autowired RuntimeService runtimeService;
  @Autowired ManagementService managementService;
  @Autowired io.leadsla.team.TeamDirectory names;

  WebDriver browser;

  @BeforeEach
  void openTheBrowser() {
    assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER), "no Chromium/ChromeDriver here");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1400,1100",
        "--lang=en-GB");
    options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
    browser = new ChromeDriver(service, options);
  }

  @AfterEach
  void keepAScreenshotAndCheckTheConsole(TestInfo test) throws Exception {
    if (browser == null) {
      return;
    }
    try {
      Path dir = Path.of("target", "browser");
      Files.createDirectories(dir);
      String name = test.getTestMethod().map(method -> method.getName()).orElse("tasklist");
      Files.write(dir.resolve(name + ".png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
      Files.writeString(dir.resolve(name + ".html"), browser.getPageSource());
      List<String> errors = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
          .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
          .filter(entry -> CAMUNDAS_OWN_PROBES.stream().noneMatch(entry.getMessage()::contains))
          .map(LogEntry::toString).toList();
      assertThat(errors).as("errors in the browser's console").isEmpty();
    } finally {
      browser.quit();
    }
  }

  String url(String path) {
    return "http://localhost:" + port + path;
  }

  void logIn(String user) {
    logIn(user, "Missed SLA");
  }

  /** Logs in to Tasklist and waits for a text of the start page (a filter's name). */
  void logIn(String user, String shown) {
    browser.get(url("/camunda/app/tasklist/default/"));
    WebElement password = waitFor(By.cssSelector("input[type=password]"));
    WebElement username = browser.findElement(By.cssSelector("form input[type=text], form input:not([type])"));
    username.sendKeys(user);
    password.sendKeys("demo");
    browser.findElement(By.cssSelector("form button[type=submit]")).click();
    waitForText(shown);
  }

  WebElement waitFor(By what) {
    return new WebDriverWait(browser, PATIENCE).until(driver -> driver.findElements(what).stream()
        .filter(WebElement::isDisplayed).findFirst().orElse(null));
  }

  void waitForText(String text) {
    new WebDriverWait(browser, PATIENCE).withMessage(() -> "page shows \"" + text + "\"")
        .until(driver -> driver.findElement(By.tagName("body")).getText().contains(text));
  }

  /** The values of the form's text areas (the timeline is one), as the browser has them. */
  String textAreas() {
    return (String) ((JavascriptExecutor) browser).executeScript(
        "return Array.from(document.querySelectorAll('textarea')).map(t => t.value).join('\\n')");
  }

  Task openTask(String leadId, String taskDefinitionKey) {
    return new WebDriverWait(browser, PATIENCE).withMessage(() -> taskDefinitionKey + " of " + leadId).until(d ->
        taskService.createTaskQuery().processInstanceBusinessKey(leadId).taskDefinitionKey(taskDefinitionKey)
            .singleResult());
  }

  String submit(String name, String email) {
    IntakeResult lead = intake.submit(new LeadFields(name, email, "Acme Corp", "+49 30 123456", null,
        "demo_request", null, 60, true, "Please call me about pricing"), "api");
    return lead.leadId();
  }

  /** Picks an option of a Camunda Form select by its label. */
  void choose(String fieldLabel, String option) {
    click(browser.findElement(By.xpath("//label[contains(normalize-space(.), '" + fieldLabel
        + "')]/following::*[contains(@class, 'fjs-input-group')][1]")));
    click(waitFor(By.xpath("//*[contains(@class, 'fjs-dropdownlist-item') and normalize-space(.) = '" + option
        + "']")));
  }

  /** A click as a user makes it: on the element scrolled into the middle of the window (not under the footer). */
  void click(WebElement element) {
    ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block: 'center'})", element);
    element.click();
  }

  @Test
  void aRepTellsLeadsApartReadsTheLeadSoFarAndFindsTheirNoteInTheNextTask() {
    String leadId = submit("Jo Browser", "jo.browser@acme.example");
    Task respond = openTask(leadId, SlaStageProcess.TASK_RESPOND_TO_LEAD);
    String rep = respond.getAssignee();

    logIn(rep);
    waitForText("Respond to lead: Jo Browser (Acme Corp) · T1");
    new WebDriverWait(browser, PATIENCE).withMessage("the list sorted by due date")
        .until(d -> d.getCurrentUrl().contains("sorting=") && d.getCurrentUrl().contains("dueDate"));
    click(browser.findElement(By.partialLinkText("Jo Browser")));
    new WebDriverWait(browser, PATIENCE).withMessage("the timeline in the form")
        .until(d -> textAreas().contains("Arrived via api") && textAreas().contains("Assigned to " + rep));
    // one click calls or writes to the lead
    assertThat(waitFor(By.cssSelector("a[href='tel:+4930123456']")).getText()).isEqualTo("+49 30 123456");
    assertThat(browser.findElement(By.cssSelector("a[href='mailto:jo.browser@acme.example']")).getText())
        .isEqualTo("jo.browser@acme.example");

    choose("Channel", "Phone call");
    choose("Outcome", "Live conversation");
    WebElement note = browser.findElement(By.xpath("//label[contains(., 'Notes')]/following::textarea[1]"));
    click(note);
    note.sendKeys("Wants a demo for 12 people, call back Tuesday");
    click(browser.findElement(By.xpath("//button[normalize-space(.) = 'Complete']")));

    Task qualify = openTask(leadId, SlaStageProcess.TASK_QUALIFY_LEAD);
    browser.get(url("/camunda/app/tasklist/default/#/?task=" + qualify.getId()));
    new WebDriverWait(browser, PATIENCE).withMessage("the earlier note in the next form")
        .until(d -> textAreas().contains("phone, connected: Wants a demo for 12 people, call back Tuesday"));
    assertThat(browser.findElement(By.tagName("body")).getText()).contains("Qualify lead: Jo Browser (Acme Corp) · T1");
    String deadline = (String) ((JavascriptExecutor) browser).executeScript(
        "return document.querySelector('input[id$=\"Field_slaDeadline\"]').value");
    // the task's due date, as people read it, and how long is left (whatever the time of day the test runs)
    assertThat(deadline).as("the deadline as people read it")
        .startsWith(io.leadsla.timeline.HumanTime.at(qualify.getDueDate().toInstant(), java.time.ZoneId.of("UTC"))
            + ", in ")
        .matches("\\w{3} \\d{1,2} \\w{3} \\d{2}:\\d{2} UTC, in \\d+ (days?|h|min).*");
  }

  @Test
  void marketingEntersALeadAndIsToldWhichLeadItBecameAndWhoHasIt() {
    logIn("mark", "Start process");
    click(browser.findElement(By.xpath("//a[contains(normalize-space(.), 'Start process')] "
        + "| //button[contains(normalize-space(.), 'Start process')]")));
    click(waitFor(By.xpath("//a[normalize-space(.) = 'Lead cycle']")));
    WebElement name = waitFor(By.xpath("//label[contains(normalize-space(.), 'Name')]/following::input[1]"));
    name.sendKeys("Kim Booth");
    browser.findElement(By.xpath("//label[contains(normalize-space(.), 'Email')]/following::input[1]"))
        .sendKeys("kim.booth@fair.example");
    browser.findElement(By.xpath("//label[contains(normalize-space(.), 'Company')]/following::input[1]"))
        .sendKeys("Fair GmbH");
    choose("Source", "Demo request");
    click(browser.findElement(By.xpath("//button[normalize-space(.) = 'Start']")));

    WebElement note = waitFor(By.cssSelector(".lead-sla-started"));
    String leadId = note.getAttribute("data-lead");
    assertThat(leadId).as("the lead's number").matches("L-\\d+");
    Task respond = openTask(leadId, SlaStageProcess.TASK_RESPOND_TO_LEAD);
    String owner = names.fullNameOf(respond.getAssignee()).orElseThrow() + " (" + respond.getAssignee() + ")";
    new WebDriverWait(browser, PATIENCE).withMessage("the owner by name in the note").until(d ->
        d.findElement(By.cssSelector(".lead-sla-started")).getText().contains(owner));
    assertThat(note.getText()).contains("Lead " + leadId + " · Kim Booth (Fair GmbH) was entered. Owner: ")
        .containsPattern("first response due \\w{3} \\d{1,2} \\w{3} \\d{2}:\\d{2} UTC, (in|overdue by) ");
    // another marketer (or a rep of another lead) is not told
    var rest = new org.springframework.boot.test.web.client.TestRestTemplate();
    assertThat(rest.withBasicAuth("mark", "demo").getForEntity(url("/api/leads/" + leadId + "/owner"), String.class)
        .getStatusCode().value()).isEqualTo(200);
    String other = submit("Jo Other", "jo.other@acme.example");
    assertThat(rest.withBasicAuth("mark", "demo").getForEntity(url("/api/leads/" + other + "/owner"), String.class)
        .getStatusCode().value()).as("a lead mark did not enter").isEqualTo(403);
    assertThat(rest.getForEntity(url("/api/leads/" + leadId + "/owner"), String.class).getStatusCode().value())
        .as("no login").isEqualTo(401);
  }

  @Test
  void aManagerFindsAMissedLeadUnderMissedSlaFollowsTheMailLinkAndGivesTheLeadToARepSheChooses() {
    String leadId = submit("Jo Late", "jo.late@acme.example");
    Task respond = openTask(leadId, SlaStageProcess.TASK_RESPOND_TO_LEAD);
    // the SLA is missed: the job executor fires the breach timer, as it would at the deadline
    String breach = managementService.createJobQuery().processInstanceId(respond.getProcessInstanceId())
        .activityId(SlaStageProcess.BREACH_TIMER).singleResult().getId();
    managementService.setJobDuedate(breach, new java.util.Date(System.currentTimeMillis() - 1000));
    Task intervention = openTask(leadId, SlaStageProcess.TASK_INTERVENE);

    logIn("maria");
    click(browser.findElement(By.partialLinkText("Missed SLA")));
    waitForText("Intervene: SLA missed: Jo Late (Acme Corp) · T1");

    browser.get(url("/leads/" + leadId + "/task"));
    new WebDriverWait(browser, PATIENCE).withMessage("the intervention opened from the link")
        .until(d -> d.getCurrentUrl().contains("task=" + intervention.getId()));
    waitForText("Due date");   // the list beside it sorted by the deadline, as every list
    new WebDriverWait(browser, PATIENCE).withMessage("the intervention's form with the lead so far")
        .until(d -> textAreas().contains("Arrived via api"));
    String owner = (String) ((JavascriptExecutor) browser).executeScript(
        "return document.querySelector('input[id$=\"Field_owner\"]').value");
    assertThat(owner).as("the owner by name").matches(".+ \\(" + respond.getAssignee() + "\\)");
    String deadline = (String) ((JavascriptExecutor) browser).executeScript(
        "return document.querySelector('input[id$=\"Field_slaDeadline\"]').value");
    // the timer was brought forward here: the deadline itself is still ahead ("overdue by" once it passed)
    assertThat(deadline).as("the deadline as people read it").contains(" UTC, in ");

    // she claims the intervention and gives the lead to a rep she picks
    click(browser.findElement(By.xpath("//a[normalize-space(.) = 'Claim'] | //button[normalize-space(.) = 'Claim']")));
    new WebDriverWait(browser, PATIENCE).withMessage("the intervention claimed")
        .until(d -> "maria".equals(taskService.createTaskQuery().taskId(intervention.getId()).singleResult()
            .getAssignee()) && d.findElements(By.cssSelector(".disabled-form")).isEmpty());
    click(browser.findElement(By.xpath("//label[contains(., 'Reassign to another rep')]")));
    click(waitFor(By.xpath("//label[contains(normalize-space(.), 'Give the lead to')]"
        + "/following::*[contains(@class, 'fjs-input-group')][1]")));
    WebElement option = waitFor(By.cssSelector(".fjs-dropdownlist-item"));
    String label = option.getText();
    String picked = label.substring(label.lastIndexOf('(') + 1, label.lastIndexOf(')'));
    assertThat(picked).as("a rep other than the owner").isNotEqualTo(respond.getAssignee());
    click(option);
    click(browser.findElement(By.xpath("//button[normalize-space(.) = 'Complete']")));
    new WebDriverWait(browser, PATIENCE).withMessage("the lead with the rep she picked").until(d -> {
      Task work = taskService.createTaskQuery().processInstanceBusinessKey(leadId)
          .taskDefinitionKey(SlaStageProcess.TASK_RESPOND_TO_LEAD).singleResult();
      return work != null && picked.equals(work.getAssignee());
    });
  }
}

package io.leadsla.notification;

import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * Renders the mail templates in {@code src/main/resources/templates/mail}: {@code <name>.html} (HTML, every value
 * escaped) and {@code <name>.txt} (plain text). Templates can be edited without touching Java.
 */
@Component
public class MailTemplates {

  private final TemplateEngine engine = new TemplateEngine();

  MailTemplates() {
    engine.addTemplateResolver(resolver(TemplateMode.HTML, "*.html", 1));
    engine.addTemplateResolver(resolver(TemplateMode.TEXT, "*.txt", 2));
  }

  public String html(String name, Map<String, Object> model) {
    return engine.process(name + ".html", new Context(null, model));
  }

  public String text(String name, Map<String, Object> model) {
    return engine.process(name + ".txt", new Context(null, model));
  }

  private static ClassLoaderTemplateResolver resolver(TemplateMode mode, String pattern, int order) {
    ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver();
    resolver.setPrefix("templates/mail/");
    resolver.setTemplateMode(mode);
    resolver.setResolvablePatterns(Set.of(pattern));
    resolver.setCharacterEncoding("UTF-8");
    resolver.setCheckExistence(true);
    resolver.setCacheable(true);
    resolver.setOrder(order);
    return resolver;
  }
}

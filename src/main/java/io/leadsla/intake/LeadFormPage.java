package io.leadsla.intake;

import java.util.Map;
import org.springframework.web.util.HtmlUtils;

/** The HTML of the public lead form; every value a visitor typed is escaped before it is shown again. */
final class LeadFormPage {

  private LeadFormPage() {}

  static String form(Map<String, String> values, Map<String, String> errors) {
    StringBuilder errorList = new StringBuilder();
    if (!errors.isEmpty()) {
      errorList.append("<ul class=\"errors\" role=\"alert\">");
      errors.forEach((field, error) -> errorList.append("<li>").append(esc(field)).append(' ').append(esc(error)).append("</li>"));
      errorList.append("</ul>");
    }
    return page("Talk to sales", errorList
        + "<form method=\"post\" action=\"/forms/lead\">"
        + field("name", "Your name", "text", values, true, 200)
        + field("email", "Work e-mail", "email", values, true, 254)
        + field("company", "Company", "text", values, false, 200)
        + field("phone", "Phone", "tel", values, false, 30)
        + "<label>What can we do for you?<textarea name=\"message\" maxlength=\"2000\">"
        + esc(values.getOrDefault("message", "")) + "</textarea></label>"
        // copy the form with another source (demo_request, pricing_page, webinar, ...) and campaign for each page
        + "<input type=\"hidden\" name=\"source\" value=\"" + esc(values.getOrDefault("source", "contact_sales")) + "\">"
        + "<input type=\"hidden\" name=\"campaign\" value=\"" + esc(values.getOrDefault("campaign", "")) + "\">"
        + "<label class=\"consent\"><input type=\"checkbox\" name=\"consent\" value=\"true\""
        + ("true".equals(values.get("consent")) ? " checked" : "") + "> You may contact me about this request</label>"
        + "<p class=\"required-note\"><span aria-hidden=\"true\">*</span> required</p>"
        // the honeypot: invisible to people, irresistible to bots
        + "<label class=\"hp\" aria-hidden=\"true\">Website<input type=\"text\" name=\"" + LeadFormController.HONEYPOT
        + "\" tabindex=\"-1\" autocomplete=\"off\"></label>"
        + "<button type=\"submit\">Send</button></form>");
  }

  static String thanks(String name) {
    return page("Thank you", "<p>Thank you" + (name == null ? "" : ", " + esc(name))
        + ". We have your request and will get back to you shortly.</p>");
  }

  /** Too busy to take the lead right now: the form again, with everything the visitor typed, and when to retry. */
  static String busy(Map<String, String> values) {
    String form = form(values, Map.of());
    return form.replace("<h1>Talk to sales</h1>", "<h1>Talk to sales</h1><p class=\"busy\" role=\"alert\">So many "
        + "people are getting in touch right now that we could not take your request. Nothing you typed is lost: "
        + "please send it again in a minute.</p>");
  }

  static String problem(String message) {
    return page("Sorry", "<p>" + esc(message) + "</p><p><a href=\"/forms/lead\">Back to the form</a></p>");
  }

  private static String field(String name, String label, String type, Map<String, String> values, boolean required, int max) {
    return "<label>" + esc(label) + (required ? " <span class=\"required\" aria-hidden=\"true\">*</span>" : "")
        + "<input type=\"" + type + "\" name=\"" + name + "\" maxlength=\"" + max + "\""
        + (required ? " required" : "") + " value=\"" + esc(values.getOrDefault(name, "")) + "\"></label>";
  }

  private static String page(String title, String content) {
    return "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" "
        + "content=\"width=device-width, initial-scale=1\"><title>" + esc(title) + "</title><style>"
        + "body{font-family:system-ui,sans-serif;max-width:32rem;margin:2rem auto;padding:0 1rem}"
        + "label{display:block;margin:.8rem 0}input,textarea{display:block;width:100%;padding:.4rem;box-sizing:border-box}"
        + ".consent input{display:inline;width:auto}.required{color:#b00020}.required-note{font-size:.9em}.hp{position:absolute;left:-10000px}.errors{color:#b00020}"
        + "button{padding:.5rem 1.5rem}</style></head><body><h1>" + esc(title) + "</h1>" + content + "</body></html>";
  }

  private static String esc(String text) {
    return text == null ? "" : HtmlUtils.htmlEscape(text);
  }
}

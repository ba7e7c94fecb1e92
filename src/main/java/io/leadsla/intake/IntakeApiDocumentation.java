package io.leadsla.intake;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI description served at /api/openapi (and readable at /swagger-ui/index.html). */
@Configuration(proxyBeanMethods = false)
class IntakeApiDocumentation {

  @Bean
  OpenAPI leadSlaOpenApi() {
    return new OpenAPI()
        .info(new Info().title("Lead SLA API").version("1")
            .description("""
                POST /api/leads takes one lead as JSON (fields name, email, company, phone, region, source, campaign, \
                score 0-100, consent, message); an Idempotency-Key header makes retries safe. 201 = new lead or a \
                returning lead's next cycle, 200 = joined the lead's open cycle, 401 = no API key, 409 = same key \
                still in progress, 413 = body over 64 KB, 415 = not JSON, 422 = invalid fields (each one named). \
                POST /api/leads/{leadId}/engagement adds engagement points (points 1-100, activity, optional \
                occurredAt) to a lead's score; a nurtured lead whose score reaches its threshold starts its next \
                cycle (outcome reengaged). POST /api/leads/import takes a CSV event list (202, then GET its \
                progress). GET /api/reports/* (tag Reports) are for sales managers and executives, with their \
                Camunda login."""))
        .components(new Components()
            .addSecuritySchemes("apiKey", new SecurityScheme().type(SecurityScheme.Type.APIKEY)
                .in(SecurityScheme.In.HEADER).name(ApiKeyFilter.HEADER))
            .addSecuritySchemes("camundaLogin", new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic")
                .description("A Camunda user of sales-managers or executives (or their webapp session)")))
        .addSecurityItem(new SecurityRequirement().addList("apiKey"));
  }
}

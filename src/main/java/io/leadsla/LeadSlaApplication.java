package io.leadsla;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class LeadSlaApplication {

  public static void main(String[] args) {
    SpringApplication.run(LeadSlaApplication.class, args);
  }
}

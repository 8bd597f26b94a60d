package dev.powerpages.emulator.appnode;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/** A Power Pages application server: renders one website from the metadata store's Dataverse-like Web API. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class AppNodeApplication {

    public static void main(String[] args) {
        SpringApplication.run(AppNodeApplication.class, args);
    }
}

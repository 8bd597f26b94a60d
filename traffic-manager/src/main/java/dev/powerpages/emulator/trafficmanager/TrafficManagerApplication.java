package dev.powerpages.emulator.trafficmanager;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Emulates Azure Traffic Manager (priority routing with HTTP health probes) for the Power Pages stack. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class TrafficManagerApplication {

    public static void main(String[] args) {
        SpringApplication.run(TrafficManagerApplication.class, args);
    }
}

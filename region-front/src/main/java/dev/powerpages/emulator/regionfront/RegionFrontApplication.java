package dev.powerpages.emulator.regionfront;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * A region's front: the region's address (8081 northeurope, 8082 westeurope) when the region runs several app-node
 * instances. It spreads the region's traffic over the instances that are healthy, answers the traffic manager's
 * probe for the region as a whole, and passes fault injection on to every instance.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class RegionFrontApplication {

    public static void main(String[] args) {
        SpringApplication.run(RegionFrontApplication.class, args);
    }
}

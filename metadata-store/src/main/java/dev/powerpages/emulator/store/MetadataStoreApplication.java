package dev.powerpages.emulator.store;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Dataverse-like store of the website's metadata and business data, with its OAuth token endpoint. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class MetadataStoreApplication {

    public static void main(String[] args) {
        SpringApplication.run(MetadataStoreApplication.class, args);
    }
}

package org.originhub;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** OriginHub: the configurable gateway for exchanging electronic certificates of origin. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class OriginHubApplication {

    public static void main(String[] args) {
        SpringApplication.run(OriginHubApplication.class, args);
    }
}

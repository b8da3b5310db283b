package org.originhub.http;

import org.apache.camel.component.platform.http.spi.PlatformHttpEngine;
import org.apache.camel.component.platform.http.springboot.SpringBootPlatformHttpEngine;
import org.originhub.config.HubProperties;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** platform-http with the hub's {@link RequestLanes} instead of Spring's task executor (Camel's starter backs off). */
@Configuration(proxyBeanMethods = false)
public class HttpEngineSetup {

    @Bean
    RequestLanes requestLanes(HubProperties properties) {
        return new RequestLanes(properties.http().concurrentRequests());
    }

    @Bean(name = "platform-http-engine")
    PlatformHttpEngine platformHttpEngine(@Value("${server.port:8080}") int port, RequestLanes lanes) {
        return new SpringBootPlatformHttpEngine(port, lanes);
    }
}

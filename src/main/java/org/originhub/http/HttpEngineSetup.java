package org.originhub.http;

import java.util.ArrayList;
import java.util.List;
import org.apache.camel.component.platform.http.spi.PlatformHttpEngine;
import org.apache.camel.component.platform.http.springboot.SpringBootPlatformHttpEngine;
import org.originhub.config.HubProperties;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.support.HandlerMethodReturnValueHandler;
import org.springframework.web.servlet.mvc.method.annotation.DeferredResultMethodReturnValueHandler;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerAdapter;

/**
 * platform-http with the hub's {@link RequestLanes} instead of Spring's task executor (Camel's starter backs off), and
 * its answers ended on the request's first dispatch ({@link FinishedRouteAnswers}).
 */
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

    /**
     * Puts {@link FinishedRouteAnswers} before Spring's handler of futures: handlers registered the usual way
     * (WebMvcConfigurer) come after Spring's own, which would answer first.
     */
    @Bean
    static BeanPostProcessor finishedRouteAnswers() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (bean instanceof RequestMappingHandlerAdapter adapter && adapter.getReturnValueHandlers() != null) {
                    List<HandlerMethodReturnValueHandler> handlers = new ArrayList<>(adapter.getReturnValueHandlers());
                    handlers.stream().filter(DeferredResultMethodReturnValueHandler.class::isInstance).findFirst()
                            .ifPresent(futures -> {
                                handlers.add(0, new FinishedRouteAnswers(futures));
                                adapter.setReturnValueHandlers(handlers);
                            });
                }
                return bean;
            }
        };
    }
}

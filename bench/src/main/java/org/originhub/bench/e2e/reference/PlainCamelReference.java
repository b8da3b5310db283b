package org.originhub.bench.e2e.reference;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.camel.component.jms.JmsComponent;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;
import org.originhub.format.XsltEngine;
import org.slf4j.LoggerFactory;

/**
 * The plain Camel reference of the end-to-end benchmark, run by the driver in a JVM of its own:
 * {@code HTTP → validate (formd-xml XSD) → XSLT to canonical → persistent queue → transacted consumer}.
 *
 * <pre>java -cp target/originhub-classes.jar:bench/target/benchmarks.jar \
 *     org.originhub.bench.e2e.reference.PlainCamelReference --port=8090 --data-dir=/tmp/ref --consumers=4 --resources=.</pre>
 *
 * {@code --resources} is the repository root: its xsd/ and xslt/ are what the hub jar under test was built from.
 */
public final class PlainCamelReference {

    private PlainCamelReference() {
    }

    public static void main(String[] args) {
        try {
            run(options(args));
        } catch (Exception e) {
            // the broker's threads would keep a half-started JVM alive: the driver must see it exit
            e.printStackTrace();
            System.exit(1);
        }
    }

    private static void run(Map<String, String> options) throws Exception {
        int port = Integer.parseInt(options.getOrDefault("port", "8090"));
        Path data = Path.of(options.getOrDefault("data-dir", "target/reference"));
        int consumers = Integer.parseInt(options.getOrDefault("consumers", "4"));
        String resources = "file:" + Path.of(options.getOrDefault("resources", ".")).toAbsolutePath().normalize() + "/";
        quietLogging();
        Files.createDirectories(data);

        ReferenceBroker broker = new ReferenceBroker(data.resolve("artemis"));
        ConsumedLatencies consumed = new ConsumedLatencies();
        Main main = new Main();
        // the hub's classes jar holds the hub's application.properties (its YAML routes among them): not ours
        main.setDefaultPropertyPlaceholderLocation("false");
        main.bind("jms", JmsComponent.jmsComponent(broker.connectionFactory()));
        // Saxon, as the hub runs it: the hub's XsltEngine configuration, whose resolver parses each code list once
        // per JVM instead of once per transformation (a stylesheet's doc() is only stable within one run)
        main.bind("saxonFactory", new net.sf.saxon.TransformerFactoryImpl(
                new XsltEngine().processor().getUnderlyingConfiguration()));
        main.configure().addRoutesBuilder(new ReferenceRoutes(consumed, consumers, resources));
        main.addMainListener(new MainListenerSupport() {
            private ReferenceHttp http;

            @Override
            public void afterStart(BaseMainSupport started) {
                try {
                    http = new ReferenceHttp(port, data.resolve("tomcat"), started.getCamelContext()
                            .createProducerTemplate(), consumed);
                } catch (Exception e) {
                    throw new IllegalStateException("the reference's HTTP front did not start", e);
                }
            }

            @Override
            public void beforeStop(BaseMainSupport stopping) {
                try {
                    http.close();
                } catch (Exception e) {
                    // stopping anyway
                }
            }

            @Override
            public void afterStop(BaseMainSupport stopped) {
                try {
                    broker.close();
                } catch (Exception e) {
                    // stopping anyway
                }
            }
        });
        main.run();
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (String arg : args) {
            int equals = arg.indexOf('=');
            if (!arg.startsWith("--") || equals < 0) {
                throw new IllegalArgumentException("expected --name=value, got " + arg);
            }
            options.put(arg.substring(2, equals), arg.substring(equals + 1));
        }
        return options;
    }

    /** Plain Logback logs everything at DEBUG; the hub runs at INFO with the broker's audit loggers at WARN. */
    private static void quietLogging() {
        ((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).setLevel(Level.INFO);
        ((Logger) LoggerFactory.getLogger("org.apache.activemq.audit")).setLevel(Level.WARN);
    }
}

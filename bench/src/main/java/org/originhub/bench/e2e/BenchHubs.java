package org.originhub.bench.e2e;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The two hubs of the benchmark (bench/e2e/hubs): TH sends the certificates of its three sources (formd-xml TH→VN,
 * kr-csv KR→ID, cl-json CL→PE, as the samples carry them) to VN, which serves the three importing countries. Both
 * sign with the demo key and trust the demo certificate; the broker is the hub's default (embedded Artemis,
 * persistent), each hub under its own data directory, and so is the database unless --database=postgres
 * ({@link BenchDatabase}). Mutual TLS is off (the demo default).
 */
final class BenchHubs {

    private final Path config;
    private final Path hubJar;
    private final BenchDatabase database;

    BenchHubs(Path config, Path hubJar, BenchDatabase database) {
        this.config = config.toAbsolutePath();
        this.hubJar = hubJar.toAbsolutePath();
        this.database = database;
    }

    /** The sender; {@code partnerEndpoint} is VN's exchange, or a partner that never answers. */
    List<String> th(int port, Path data, String partnerEndpoint, List<String> extra)
            throws IOException, InterruptedException {
        List<String> args = common("th", "DFT", "TH,KR,CL", port, data, partnerEndpoint);
        args.addAll(extra);
        return args;
    }

    /** The receiver; its partners (TH, KR, CL: the senders it trusts) point back at TH but receive nothing. */
    List<String> vn(int port, Path data, String partnerEndpoint) throws IOException, InterruptedException {
        return common("vn", "GDVC", "VN,ID,PE", port, data, partnerEndpoint);
    }

    private List<String> common(String name, String agency, String countries, int port, Path data, String partner)
            throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of("-jar", hubJar.toString(),
                "--server.port=" + port,
                "--originhub.hub.name=" + name,
                "--originhub.hub.agency=" + agency,
                "--originhub.hub.countries=" + countries,
                "--originhub.data-dir=" + data.toAbsolutePath(),
                "--originhub.partners-location=" + folder(name + "/partners"),
                "--originhub.sources-location=" + folder(name + "/sources"),
                "--originhub.blocks-location=" + folder(name + "/blocks"),
                "--originhub.sftp.embedded.enabled=false",
                "--bench.partner-endpoint=" + partner));
        args.addAll(database.hubArgs(data.getFileName().toString()));
        return args;
    }

    private String folder(String path) {
        String uri = config.resolve(path).toUri().toString();
        return uri.endsWith("/") ? uri : uri + "/";
    }

    static String exchange(int port) {
        return "http://127.0.0.1:" + port + "/api/v1/exchange";
    }

    static String readiness(int port) {
        return "http://127.0.0.1:" + port + "/actuator/health/readiness";
    }
}

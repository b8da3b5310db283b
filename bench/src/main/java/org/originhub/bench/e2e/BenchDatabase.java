package org.originhub.bench.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.originhub.bench.ExternalCommand;

/**
 * The hubs' database: H2 files (the hub's default, each hub in its data directory) or, with
 * {@code --database=postgres}, one throwaway PostgreSQL cluster for the run with a database per hub. The cluster keeps
 * PostgreSQL's defaults (fsync and synchronous commit on), as a production hub would start from; its processes are
 * measured as one more target, so that the database's CPU is not hidden among "others".
 */
interface BenchDatabase extends AutoCloseable {

    /** The hub's arguments for its database; {@code hub} is the name of its data directory (sender-th, th, vn). */
    List<String> hubArgs(String hub) throws IOException, InterruptedException;

    /** Processes to measure besides the hubs' JVMs. */
    List<ResourceMeter.Target> meterTargets();

    /** For the report's header. */
    String describe();

    @Override
    void close() throws IOException, InterruptedException;

    static BenchDatabase of(String kind, Path folder) throws IOException, InterruptedException {
        return switch (kind) {
            case "h2" -> new H2();
            case "postgres" -> Postgres.start(folder);
            default -> throw new IllegalArgumentException("--database=" + kind + ": h2 or postgres");
        };
    }

    /** Nothing to start: each hub opens its own H2 file under its data directory. */
    final class H2 implements BenchDatabase {

        @Override
        public List<String> hubArgs(String hub) {
            return List.of();
        }

        @Override
        public List<ResourceMeter.Target> meterTargets() {
            return List.of();
        }

        @Override
        public String describe() {
            return "H2 file per hub (the hub's default)";
        }

        @Override
        public void close() {
        }
    }

    /**
     * initdb, pg_ctl and psql of the machine's PostgreSQL (on the PATH, or in PG_BIN). PostgreSQL refuses to run as
     * root: as root the cluster belongs to the {@code postgres} user and its commands run through runuser.
     */
    final class Postgres implements BenchDatabase {

        private static final String USER = "originhub";
        private final Path data;
        private final int port;
        private final String version;
        private final List<String> created = new ArrayList<>();

        private Postgres(Path data, int port, String version) {
            this.data = data;
            this.port = port;
            this.version = version;
        }

        static Postgres start(Path folder) throws IOException, InterruptedException {
            Path data = Files.createDirectories(folder).toAbsolutePath();
            if (asRoot()) {
                ExternalCommand.run(List.of("chown", "-R", "postgres", data.toString()));
            }
            String cluster = data.resolve("cluster").toString();
            ExternalCommand.run(postgres(binary("initdb"), "-D", cluster, "-U", USER, "-A", "trust", "-E", "UTF8",
                    "--no-sync"));
            int port = RunContext.freePort();
            ExternalCommand.run(postgres(binary("pg_ctl"), "-D", cluster, "-w", "-l",
                    data.resolve("postgres.log").toString(), "-o", "-p " + port + " -k " + data
                            + " -c listen_addresses=127.0.0.1 " + System.getenv().getOrDefault("PG_SERVER_OPTIONS", ""),
                    "start"));
            // a driver stopped by Ctrl-C or a failure must not leave a database server running on a shared machine
            Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(data, "immediate")));
            String version = ExternalCommand.run(List.of(binary("postgres"), "--version")).trim();
            RunContext.say("database: " + version + " on port " + port + " (" + data + ")");
            return new Postgres(data, port, version);
        }

        @Override
        public List<String> hubArgs(String hub) throws IOException, InterruptedException {
            String database = hub.replace('-', '_');
            if (!created.contains(database)) {
                ExternalCommand.run(List.of(binary("psql"), "-h", "127.0.0.1", "-p", Integer.toString(port), "-U", USER,
                        "-d", "postgres", "-q", "-c", "CREATE DATABASE " + database));
                created.add(database);
            }
            return List.of("--spring.datasource.url=jdbc:postgresql://127.0.0.1:" + port + "/" + database,
                    "--spring.datasource.username=" + USER, "--spring.datasource.password=");
        }

        @Override
        public List<ResourceMeter.Target> meterTargets() {
            return List.of(ResourceMeter.Target.processTree("postgres", postmaster()));
        }

        @Override
        public String describe() {
            return version + ", one cluster for the run, its defaults (fsync on, synchronous_commit on)";
        }

        @Override
        public void close() {
            stop(data, "fast");
        }

        /** Stops the cluster if it runs; quietly, since the shutdown hook calls it again after close. */
        private static void stop(Path data, String mode) {
            try {
                Path cluster = data.resolve("cluster");
                if (Files.exists(cluster.resolve("postmaster.pid"))) {
                    ExternalCommand.run(postgres(binary("pg_ctl"), "-D", cluster.toString(), "-m", mode, "-w", "stop"));
                }
            } catch (IOException e) {
                RunContext.say("database: " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        /** The first line of postmaster.pid. */
        private long postmaster() {
            try {
                Path pidFile = data.resolve("cluster").resolve("postmaster.pid");
                return Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
            } catch (IOException | RuntimeException e) {
                return -1;
            }
        }

        private static boolean asRoot() {
            return "root".equals(System.getProperty("user.name"));
        }

        private static List<String> postgres(String... command) {
            List<String> line = new ArrayList<>();
            if (asRoot()) {
                line.addAll(List.of("runuser", "-u", "postgres", "--"));
            }
            line.addAll(List.of(command));
            return line;
        }

        private static String binary(String name) {
            String folder = System.getenv("PG_BIN");
            return folder == null || folder.isBlank() ? name : Path.of(folder, name).toString();
        }
    }
}

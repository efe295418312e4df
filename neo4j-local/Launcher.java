import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.Transaction;
import org.neo4j.io.ByteUnit;

/**
 * Starts a Neo4j Community engine with a Bolt connector on 127.0.0.1 only.
 *
 * Usage: java -cp 'lib/*' Launcher.java HOME_DIR BOLT_PORT PAGECACHE_MB [gate|direct]
 *
 * With "gate" (the default) Bolt listens on a private loopback port and BOLT_PORT opens only
 * once the database answers a query; a small relay then passes the bytes through. Neo4j
 * opens Bolt while it is still recovering its store after a crash, and connections made in
 * that window wait without an answer: clients (the web app's 503 within two seconds, the
 * scripts' "ready" check) can only tell a database that is up from one that is starting if
 * the port stays closed until it is up. "direct" binds Bolt to BOLT_PORT itself (the
 * benchmarks measure Neo4j without the relay).
 *
 * NEO4J_KEEPALIVE_SECONDS (default 1) is the Bolt keep-alive period: drivers drop a
 * connection that stays silent for twice that long while they wait for an answer.
 * NEO4J_TRANSACTION_TIMEOUT_SECONDS (default 300) ends any transaction that runs longer.
 *
 * Auth is off because the port is bound to loopback and holds development or test
 * data only; production points NEO4J_URI at a real server with credentials.
 * The process runs until it receives SIGTERM, then shuts the database down cleanly.
 */
public class Launcher {
    private static final int KEEP_ALIVE_PROBES = 2;

    public static void main(String[] args) throws IOException, InterruptedException {
        Path home = Path.of(args[0]).toAbsolutePath();
        int port = Integer.parseInt(args[1]);
        long pageCacheMb = Long.parseLong(args[2]);
        boolean gate = args.length < 4 || !args[3].equals("direct");
        int boltPort = gate ? freeLoopbackPort() : port;
        long keepAliveSeconds = Long.parseLong(System.getenv().getOrDefault("NEO4J_KEEPALIVE_SECONDS", "1"));
        long transactionTimeoutSeconds = Long.parseLong(
                System.getenv().getOrDefault("NEO4J_TRANSACTION_TIMEOUT_SECONDS", "300"));

        DatabaseManagementService service = new DatabaseManagementServiceBuilder(home)
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", boltPort))
                .setConfig(HttpConnector.enabled, false)
                .setConfig(GraphDatabaseSettings.auth_enabled, false)
                .setConfig(GraphDatabaseSettings.pagecache_memory, ByteUnit.mebiBytes(pageCacheMb))
                .setConfig(GraphDatabaseSettings.transaction_timeout, Duration.ofSeconds(transactionTimeoutSeconds))
                // While a request runs the server sends a NOOP every keep-alive period and
                // tells drivers (the connection.recv_timeout_seconds hint, period x probes)
                // to give a connection up after that long without a byte. A slow query stays
                // alive; a server that is frozen, or dying under kill -9 with a request in
                // flight, is detected in seconds instead of never.
                .setConfig(BoltConnector.connection_keep_alive_type, BoltConnector.KeepAliveRequestType.ALL)
                .setConfig(BoltConnector.connection_keep_alive, Duration.ofSeconds(keepAliveSeconds))
                .setConfig(BoltConnector.connection_keep_alive_probes, KEEP_ALIVE_PROBES)
                .setConfig(BoltConnector.connection_keep_alive_streaming_scheduling_interval,
                           Duration.ofMillis(250))
                .build();
        Runtime.getRuntime().addShutdownHook(new Thread(service::shutdown, "neo4j-shutdown"));
        if (gate) {
            waitUntilAnswering(service.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME));
            relay(port, boltPort);  // opens BOLT_PORT now that queries are answered
        }
        System.out.println("neo4j-local: bolt listening on 127.0.0.1:" + port + " (home " + home + ")");
        System.out.flush();
        Thread.currentThread().join();
    }

    private static int freeLoopbackPort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }

    private static void waitUntilAnswering(GraphDatabaseService db) throws InterruptedException {
        while (true) {
            if (db.isAvailable(1000)) {
                try (Transaction tx = db.beginTx()) {
                    tx.execute("RETURN 1").close();
                    tx.commit();
                    return;
                } catch (RuntimeException notYet) {
                    // still recovering or starting: try again
                }
            }
            Thread.sleep(200);
        }
    }

    /** Accept on the public port and pass bytes both ways to the private Bolt port. */
    private static void relay(int publicPort, int boltPort) throws IOException {
        ServerSocket server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), publicPort), 512);
        Thread acceptor = new Thread(() -> {
            while (true) {
                try {
                    Socket client = server.accept();
                    Socket bolt = new Socket(InetAddress.getLoopbackAddress(), boltPort);
                    client.setTcpNoDelay(true);
                    bolt.setTcpNoDelay(true);
                    pipe(client, bolt);
                    pipe(bolt, client);
                } catch (IOException e) {
                    // one failed connection must not stop the relay
                }
            }
        }, "bolt-relay-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private static void pipe(Socket from, Socket to) {
        Thread copier = new Thread(() -> {
            byte[] buffer = new byte[64 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException e) {
                // the other side closed
            } finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        }, "bolt-relay");
        copier.setDaemon(true);
        copier.start();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // already closed
        }
    }
}

import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterResult;

/**
 * Health probe used by deploy/local/infra.sh: asks a broker for its cluster metadata.
 * Usage: java -cp 'target/libs/*:target/tools' KafkaPing host:port [timeoutMs]
 * Prints "clusterId=… nodes=… controller=…" and exits 0 when the broker answers, 1 otherwise.
 */
public final class KafkaPing {
  public static void main(String[] args) {
    String bootstrap = args.length > 0 ? args[0] : "127.0.0.1:9092";
    int timeoutMs = args.length > 1 ? Integer.parseInt(args[1]) : 5000;
    Properties p = new Properties();
    p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(AdminClientConfig.CLIENT_ID_CONFIG, "govdata-infra-ping");
    p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, timeoutMs);
    p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeoutMs);
    p.put(AdminClientConfig.SOCKET_CONNECTION_SETUP_TIMEOUT_MS_CONFIG, Math.min(timeoutMs, 3000));
    p.put(AdminClientConfig.SOCKET_CONNECTION_SETUP_TIMEOUT_MAX_MS_CONFIG, Math.min(timeoutMs, 3000));
    p.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 500);
    int code = 1;
    Admin admin = null;
    try {
      admin = Admin.create(p);
      DescribeClusterResult r = admin.describeCluster();
      String id = r.clusterId().get(timeoutMs, TimeUnit.MILLISECONDS);
      int nodes = r.nodes().get(timeoutMs, TimeUnit.MILLISECONDS).size();
      var controller = r.controller().get(timeoutMs, TimeUnit.MILLISECONDS);
      System.out.println("clusterId=" + id + " nodes=" + nodes + " controller="
          + (controller == null || controller.isEmpty() ? "none" : controller.idString()));
      code = nodes > 0 ? 0 : 1;
    } catch (Exception e) {
      Throwable c = e.getCause() != null ? e.getCause() : e;
      System.err.println("no answer from " + bootstrap + ": " + c.getClass().getSimpleName() + ": " + c.getMessage());
    } finally {
      // Bounded close: do not wait for calls still retrying against a dead port.
      if (admin != null) admin.close(Duration.ofMillis(200));
    }
    System.exit(code);
  }
}

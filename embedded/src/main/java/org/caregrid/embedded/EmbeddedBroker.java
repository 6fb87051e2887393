package org.caregrid.embedded;

import com.hivemq.embedded.EmbeddedExtension;
import com.hivemq.embedded.EmbeddedHiveMQ;
import com.hivemq.embedded.EmbeddedHiveMQBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.ExecutionException;

/**
 * An MQTT 5 broker in the JVM (HiveMQ Community Edition, embedded): the demo's broker and the
 * tests' default one. Persistent sessions and shared subscriptions behave as on a real broker. See
 * docs/decisions/0001-embedded-mqtt-broker.md for why HiveMQ CE.
 */
public final class EmbeddedBroker implements AutoCloseable {
  private final EmbeddedHiveMQ hivemq;
  private final int port;

  private EmbeddedBroker(EmbeddedHiveMQ hivemq, int port) {
    this.hivemq = hivemq;
    this.port = port;
  }

  /**
   * Starts the broker on 127.0.0.1, open to every client: the tests' default broker, which they
   * share without accounts.
   *
   * @param home where its configuration and persistent data live; kept between runs
   * @param port the TCP port for MQTT
   */
  public static EmbeddedBroker start(Path home, int port) {
    return start(home, port, Optional.empty());
  }

  /**
   * Starts the broker on 127.0.0.1, letting in only the logins {@code access} knows and holding
   * each to its rules: the demo's broker.
   */
  public static EmbeddedBroker start(Path home, int port, BrokerAccess access) {
    return start(home, port, Optional.of(access));
  }

  private static EmbeddedBroker start(Path home, int port, Optional<BrokerAccess> access) {
    try {
      Path conf = Files.createDirectories(home.resolve("conf"));
      Path data = Files.createDirectories(home.resolve("data"));
      Path extensions = Files.createDirectories(home.resolve("extensions"));
      Files.writeString(conf.resolve("config.xml"), config(port), StandardCharsets.UTF_8);
      EmbeddedHiveMQBuilder builder =
          EmbeddedHiveMQ.builder()
              .withConfigurationFolder(conf)
              .withDataFolder(data)
              .withExtensionsFolder(extensions)
              .withoutLoggingBootstrap();
      access.ifPresent(
          a ->
              builder.withEmbeddedExtension(
                  EmbeddedExtension.builder()
                      .withId("caregrid-access")
                      .withName("CareGrid accounts and topic rules")
                      .withVersion("1")
                      .withExtensionMain(new AccessExtension(a))
                      .build()));
      EmbeddedHiveMQ hivemq = builder.build();
      hivemq.start().get();
      return new EmbeddedBroker(hivemq, port);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (ExecutionException e) {
      throw new IllegalStateException(
          "embedded MQTT broker did not start on port " + port + ": " + e.getCause(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while starting the embedded broker", e);
    }
  }

  /**
   * Loopback only; persistence on disk so sessions survive a restart; queues sized so that a paused
   * ingest session does not lose QoS 1 messages (HiveMQ's default is 1,000 per client).
   */
  private static String config(int port) {
    return """
        <?xml version="1.0"?>
        <hivemq>
          <listeners>
            <tcp-listener>
              <port>%d</port>
              <bind-address>127.0.0.1</bind-address>
            </tcp-listener>
          </listeners>
          <mqtt>
            <queued-messages>
              <max-queue-size>1000000</max-queue-size>
              <strategy>discard</strategy>
            </queued-messages>
          </mqtt>
          <persistence>
            <mode>file</mode>
          </persistence>
          <anonymous-usage-statistics>
            <enabled>false</enabled>
          </anonymous-usage-statistics>
        </hivemq>
        """
        .formatted(port);
  }

  public int port() {
    return port;
  }

  public String url() {
    return "tcp://127.0.0.1:" + port;
  }

  @Override
  public void close() {
    try {
      hivemq.stop().get();
      hivemq.close();
    } catch (ExecutionException e) {
      throw new IllegalStateException("embedded broker did not stop cleanly", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

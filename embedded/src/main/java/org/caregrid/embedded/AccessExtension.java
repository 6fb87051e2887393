package org.caregrid.embedded;

import com.hivemq.extension.sdk.api.ExtensionMain;
import com.hivemq.extension.sdk.api.auth.PublishAuthorizer;
import com.hivemq.extension.sdk.api.auth.SimpleAuthenticator;
import com.hivemq.extension.sdk.api.auth.SubscriptionAuthorizer;
import com.hivemq.extension.sdk.api.auth.parameter.PublishAuthorizerInput;
import com.hivemq.extension.sdk.api.auth.parameter.PublishAuthorizerOutput;
import com.hivemq.extension.sdk.api.auth.parameter.SimpleAuthInput;
import com.hivemq.extension.sdk.api.auth.parameter.SimpleAuthOutput;
import com.hivemq.extension.sdk.api.auth.parameter.SubscriptionAuthorizerInput;
import com.hivemq.extension.sdk.api.auth.parameter.SubscriptionAuthorizerOutput;
import com.hivemq.extension.sdk.api.client.parameter.ConnectionAttributeStore;
import com.hivemq.extension.sdk.api.packets.connect.ConnackReasonCode;
import com.hivemq.extension.sdk.api.packets.publish.AckReasonCode;
import com.hivemq.extension.sdk.api.packets.subscribe.SubackReasonCode;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartOutput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopOutput;
import com.hivemq.extension.sdk.api.services.Services;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * A HiveMQ extension, loaded in the JVM, that enforces a {@link BrokerAccess}: every client logs
 * in, and each PUBLISH and SUBSCRIBE is checked against the rules of the user it logged in as. A
 * refused SUBSCRIBE gets SUBACK 0x87, so a device never joins a subscription (a share group
 * included) that it may not read. A refused PUBLISH gets PUBACK 0x87, after which HiveMQ CE closes
 * the connection (for MQTT 3.1.1 clients it only closes it).
 */
final class AccessExtension implements ExtensionMain {
  /** Where the login name is kept for the connection's later checks. */
  private static final String USER = "caregrid.user";

  private final BrokerAccess access;

  AccessExtension(BrokerAccess access) {
    this.access = access;
  }

  @Override
  public void extensionStart(ExtensionStartInput input, ExtensionStartOutput output) {
    Authorizer authorizer = new Authorizer();
    Services.securityRegistry().setAuthenticatorProvider(in -> new Authenticator());
    Services.securityRegistry().setAuthorizerProvider(in -> authorizer);
  }

  @Override
  public void extensionStop(ExtensionStopInput input, ExtensionStopOutput output) {}

  private final class Authenticator implements SimpleAuthenticator {
    @Override
    public void onConnect(SimpleAuthInput input, SimpleAuthOutput output) {
      Optional<String> user = input.getConnectPacket().getUserName();
      byte[] password =
          input.getConnectPacket().getPassword().map(Authenticator::bytes).orElse(null);
      if (user.isEmpty() || password == null) {
        output.failAuthentication(ConnackReasonCode.NOT_AUTHORIZED, "log in with a password");
      } else if (access.login(user.get(), password)) {
        input
            .getConnectionInformation()
            .getConnectionAttributeStore()
            .putAsString(USER, user.get(), StandardCharsets.UTF_8);
        output.authenticateSuccessfully();
      } else {
        output.failAuthentication(ConnackReasonCode.BAD_USER_NAME_OR_PASSWORD);
      }
    }

    private static byte[] bytes(ByteBuffer buffer) {
      byte[] bytes = new byte[buffer.remaining()];
      buffer.duplicate().get(bytes);
      return bytes;
    }
  }

  private final class Authorizer implements SubscriptionAuthorizer, PublishAuthorizer {
    @Override
    public void authorizeSubscribe(
        SubscriptionAuthorizerInput input, SubscriptionAuthorizerOutput output) {
      String filter = input.getSubscription().getTopicFilter();
      Optional<String> user = user(input.getConnectionInformation().getConnectionAttributeStore());
      if (user.isPresent() && access.maySubscribe(user.get(), filter)) {
        output.authorizeSuccessfully();
      } else {
        output.failAuthorization(SubackReasonCode.NOT_AUTHORIZED);
      }
    }

    @Override
    public void authorizePublish(PublishAuthorizerInput input, PublishAuthorizerOutput output) {
      String topic = input.getPublishPacket().getTopic();
      Optional<String> user = user(input.getConnectionInformation().getConnectionAttributeStore());
      if (user.isPresent() && access.mayPublish(user.get(), topic)) {
        output.authorizeSuccessfully();
      } else {
        output.failAuthorization(AckReasonCode.NOT_AUTHORIZED);
      }
    }

    private Optional<String> user(ConnectionAttributeStore attributes) {
      return attributes.getAsString(USER, StandardCharsets.UTF_8);
    }
  }
}

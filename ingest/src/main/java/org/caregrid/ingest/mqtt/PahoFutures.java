package org.caregrid.ingest.mqtt;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;

/** Turns a Paho action into a future completed on a Vert.x context, not on Paho's thread. */
final class PahoFutures {
  private PahoFutures() {}

  interface Action {
    void start(MqttActionListener listener) throws org.eclipse.paho.mqttv5.common.MqttException;
  }

  static Future<Void> on(Context context, Action action) {
    return token(context, action).mapEmpty();
  }

  /** The same, with the completed token: a connect's token says whether a session was present. */
  static Future<IMqttToken> token(Context context, Action action) {
    Promise<IMqttToken> promise = Promise.promise();
    MqttActionListener listener =
        new MqttActionListener() {
          @Override
          public void onSuccess(IMqttToken token) {
            context.runOnContext(v -> promise.tryComplete(token));
          }

          @Override
          public void onFailure(IMqttToken token, Throwable e) {
            context.runOnContext(v -> promise.tryFail(e));
          }
        };
    try {
      action.start(listener);
    } catch (org.eclipse.paho.mqttv5.common.MqttException e) {
      promise.tryFail(e);
    }
    return promise.future();
  }
}

package org.caregrid.ingest.rejection;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RejectedMessageTest {

  @Test
  void excerptKeepsPrintableTextAndEscapesTheRest() {
    byte[] payload = "{\"ts\":1}\n\u0000\\".getBytes(StandardCharsets.UTF_8);

    assertThat(RejectedMessage.excerpt(payload)).isEqualTo("{\"ts\":1}\\x0a\\x00\\x5c");
  }

  @Test
  void excerptIsCappedAndSaysSo() {
    byte[] payload = new byte[1000];
    java.util.Arrays.fill(payload, (byte) 'a');

    String excerpt = RejectedMessage.excerpt(payload);

    assertThat(excerpt).startsWith("a".repeat(RejectedMessage.EXCERPT_BYTES)).endsWith("…");
    assertThat(excerpt).hasSize(RejectedMessage.EXCERPT_BYTES + 1);
  }
}

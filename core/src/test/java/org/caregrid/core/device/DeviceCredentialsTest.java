package org.caregrid.core.device;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DeviceCredentialsTest {
  private static final DeviceId BED = new DeviceId("bed-0001");

  @Test
  void theIssuedSecretVerifiesAgainstTheHashToStore() {
    // when
    DeviceCredentials issued = DeviceCredentials.issue(BED);

    // then
    assertThat(issued.device()).isEqualTo(BED);
    assertThat(issued.secret()).matches("[A-Za-z0-9_-]{32}");
    assertThat(MosquittoPasswordHash.verify(issued.secret(), issued.hash())).isTrue();
  }

  @Test
  void everyIssueHasANewSecret() {
    assertThat(DeviceCredentials.issue(BED).secret())
        .isNotEqualTo(DeviceCredentials.issue(BED).secret());
  }

  @Test
  void theSecretStaysOutOfLogs() {
    DeviceCredentials issued = DeviceCredentials.issue(BED);

    assertThat(issued.toString()).doesNotContain(issued.secret()).contains("bed-0001");
  }
}

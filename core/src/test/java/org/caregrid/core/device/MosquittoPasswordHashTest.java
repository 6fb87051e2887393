package org.caregrid.core.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class MosquittoPasswordHashTest {
  /** Written by {@code mosquitto_passwd -b FILE alice secret}, Mosquitto 2.0.11 (Debian 12). */
  private static final String FROM_MOSQUITTO_PASSWD =
      "$7$101$DTB4CATr8D/zlLBl$WFGj0i3rwoPApZdtcBNDWiRGzBP+et1zDwgiqCqVX8D6JoVJKH6zMR7pQ/dZqZI6E72qOCEaD6vjE9zna7euiw==";

  private static final Pattern PARTS = Pattern.compile("\\$7\\$([0-9]+)\\$([^$]*)\\$([^$]*)");

  @Test
  void aHashVerifiesItsOwnPassword() {
    // given
    String hash = MosquittoPasswordHash.hash("correct horse");

    // when / then
    assertThat(MosquittoPasswordHash.verify("correct horse", hash)).isTrue();
  }

  @Test
  void aWrongPasswordDoesNotVerify() {
    String hash = MosquittoPasswordHash.hash("correct horse");

    assertThat(MosquittoPasswordHash.verify("correct hors", hash)).isFalse();
    assertThat(MosquittoPasswordHash.verify("", hash)).isFalse();
  }

  @Test
  void theFormatIsMosquittoPasswdsPbkdf2WithTheDefaultIterationsA12ByteSaltAndA64ByteHash() {
    String hash = MosquittoPasswordHash.hash("correct horse");

    assertThat(hash).matches("\\$7\\$101\\$[A-Za-z0-9+/]{16}\\$[A-Za-z0-9+/]{86}==");
    assertThat(salt(hash)).hasSize(12);
    assertThat(Base64.getDecoder().decode(parts(hash).group(3))).hasSize(64);
    assertThat(MosquittoPasswordHash.isWellFormed(hash)).isTrue();
  }

  @Test
  void everyHashHasItsOwnSalt() {
    assertThat(MosquittoPasswordHash.hash("same")).isNotEqualTo(MosquittoPasswordHash.hash("same"));
  }

  @Test
  void verifiesAHashWrittenByMosquittoPasswd() {
    assertThat(MosquittoPasswordHash.verify("secret", FROM_MOSQUITTO_PASSWD)).isTrue();
    assertThat(MosquittoPasswordHash.verify("Secret", FROM_MOSQUITTO_PASSWD)).isFalse();
  }

  @Test
  void hashesExactlyAsMosquittoPasswdDoesGivenTheSameSalt() {
    // given: the salt mosquitto_passwd chose
    byte[] salt = salt(FROM_MOSQUITTO_PASSWD);

    // when
    String hash = MosquittoPasswordHash.hash("secret", salt, 101);

    // then
    assertThat(hash).isEqualTo(FROM_MOSQUITTO_PASSWD);
  }

  @Test
  void refusesToVerifyAgainstSomethingTheBrokerWouldNotLoad() {
    assertThat(MosquittoPasswordHash.isWellFormed("$6$c2FsdA==$aGFzaA==")).isFalse();
    assertThat(MosquittoPasswordHash.isWellFormed(null)).isFalse();
    assertThatThrownBy(() -> MosquittoPasswordHash.verify("secret", "plain-text"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void refusesAnEmptyPassword() {
    assertThatThrownBy(() -> MosquittoPasswordHash.hash(""))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static byte[] salt(String hash) {
    return Base64.getDecoder().decode(parts(hash).group(2));
  }

  private static Matcher parts(String hash) {
    Matcher m = PARTS.matcher(hash);
    assertThat(m.matches()).as(hash).isTrue();
    return m;
  }

  @Test
  void takesAHashApartAndPutsItTogetherAgain() {
    String hash = MosquittoPasswordHash.hash("secret");

    MosquittoPasswordHash.Parts parts = MosquittoPasswordHash.parts(hash);

    assertThat(parts.iterations()).isEqualTo(101);
    assertThat(Base64.getDecoder().decode(parts.salt())).hasSize(12);
    assertThat(Base64.getDecoder().decode(parts.hash())).hasSize(64);
    assertThat(parts.encoded()).isEqualTo(hash);
  }
}

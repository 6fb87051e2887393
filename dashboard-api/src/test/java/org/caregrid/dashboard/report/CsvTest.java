package org.caregrid.dashboard.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CsvTest {
  @Test
  void plainFieldsAreWrittenAsTheyAreWithCrlfLineEnds() {
    String csv = new Csv().row("beds", "enrolled", 4, 8.33).row("a", null, "b").toString();

    assertThat(csv).isEqualTo("beds,enrolled,4,8.33\r\na,,b\r\n");
  }

  @Test
  void fieldsWithCommasQuotesOrLineBreaksAreQuotedAndQuotesDoubled() {
    assertThat(Csv.field("Wang, Fang")).isEqualTo("\"Wang, Fang\"");
    assertThat(Csv.field("the \"old\" flat")).isEqualTo("\"the \"\"old\"\" flat\"");
    assertThat(Csv.field("line\nbreak")).isEqualTo("\"line\nbreak\"");
    assertThat(Csv.field("cr\rhere")).isEqualTo("\"cr\rhere\"");
    assertThat(Csv.field(" padded")).isEqualTo("\" padded\"");
  }

  @Test
  void textThatASpreadsheetWouldRunAsAFormulaIsDefused() {
    assertThat(Csv.field("=HYPERLINK(\"x\")")).isEqualTo("\"'=HYPERLINK(\"\"x\"\")\"");
    assertThat(Csv.field("+1")).isEqualTo("'+1");
    assertThat(Csv.field("@sum")).isEqualTo("'@sum");
  }

  @Test
  void negativeNumbersStayNumbers() {
    assertThat(Csv.field(-2.5)).isEqualTo("-2.5");
  }
}

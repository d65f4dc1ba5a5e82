package io.cmkguard.util;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Issue 18: a CSV cell a spreadsheet would run as a formula is text, on top of RFC 4180 quoting. */
class CsvTest {

    @ParameterizedTest(name = "[{0}] -> [{1}]")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "=1+1 | '=1+1",
            "+1 | '+1",
            "-1 | '-1",
            "@SUM(A1) | '@SUM(A1)",
            "`=HYPERLINK(\"http://x\",\"y\")` | `\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"`",
            "vol-1 | vol-1",
            "a, b | `\"a, b\"`",
            "` =1` | ` =1`",
            "ocid1.volume.oc1.iad.x | ocid1.volume.oc1.iad.x",
    })
    void formulasAreNeutralisedAndFieldsQuoted(String value, String cell) {
        assertEquals(cell, Csv.cell(value));
    }

    @ParameterizedTest(name = "a value starting with U+{0}")
    @CsvSource({"0009", "000d"})
    void aLeadingTabOrCarriageReturnIsNeverAFormula(String hex) {
        String cell = Csv.cell((char) Integer.parseInt(hex, 16) + "=1+1");
        assertEquals(" =1+1", cell, "the break is a space (Echo), which no spreadsheet runs");
        assertEquals("'\t=1", Csv.inert("\t=1"), "and inert() alone neutralises it");
        assertEquals("'\r=1", Csv.inert("\r=1"));
    }

    @Test
    void aRowQuotesWhatRfc4180AsksAndNothingElse() {
        assertEquals("a,\"b,c\",\"say \"\"hi\"\"\",'=1,line one line two,", Csv.row(List.of("a", "b,c", "say \"hi\"",
                "=1", "line one\nline two", "")), "a line break inside a name never starts a new row");
    }

    @Test
    void whatIsWrittenReadsBackAndAnIncompleteRowIsRefused() {
        String text = "a,\"b, \"\"c\"\"\",\"two\nlines\"\r\n,x\r\n";
        assertEquals(List.of(List.of("a", "b, \"c\"", "two\nlines"), List.of("", "x")), Csv.read(text));
        assertThrows(IllegalArgumentException.class, () -> Csv.read("a,b"), "no CRLF after the last row");
        assertThrows(IllegalArgumentException.class, () -> Csv.read("\"open\r\n"), "a quote left open");
    }
}

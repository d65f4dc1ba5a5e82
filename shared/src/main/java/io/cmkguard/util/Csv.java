package io.cmkguard.util;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * CSV for spreadsheets, the one implementation: RFC 4180 quoting, and no cell a spreadsheet would run as a
 * formula (CSV injection). Cells are clean one-line text (Echo), so a row is always one line.
 */
public final class Csv {
    /** RFC 4180's line break. */
    public static final String CRLF = "\r\n";

    private Csv() {
    }

    /** One row, without its line break. */
    public static String row(List<String> values) {
        return values.stream().map(Csv::cell).collect(Collectors.joining(","));
    }

    /** One CSV cell: clean one-line text (Echo), never a formula, quoted as RFC 4180 asks. */
    public static String cell(String value) {
        return quote(inert(Echo.line(value)));
    }

    /**
     * A cell a spreadsheet would run as a formula (first character =, +, -, @, tab or CR) gets a leading
     * single quote, which spreadsheets read as "this is text" (OWASP's advice for CSV injection).
     */
    public static String inert(String value) {
        return !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
    }

    /** RFC 4180: quote a field holding a comma, quote or line break, doubling its quotes. */
    public static String quote(String field) {
        if (field.contains(",") || field.contains("\"") || field.contains("\n") || field.contains("\r")) {
            return "\"" + field.replace("\"", "\"\"") + "\"";
        }
        return field;
    }

    /**
     * The rows of CSV as written here (RFC 4180: CRLF between rows; a quoted cell may hold commas, doubled
     * quotes and line breaks), for whoever reads a report back.
     *
     * @throws IllegalArgumentException when the text does not end with a complete row
     */
    public static List<List<String>> read(String text) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"' && cell.isEmpty()) {
                quoted = true;
            } else if (c == ',') {
                row.add(cell.toString());
                cell.setLength(0);
            } else if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                row.add(cell.toString());
                cell.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
                i++;
            } else {
                cell.append(c);
            }
        }
        if (!row.isEmpty() || !cell.isEmpty() || quoted) {
            throw new IllegalArgumentException("the CSV does not end with a complete row (CRLF after its last row)");
        }
        return rows;
    }
}

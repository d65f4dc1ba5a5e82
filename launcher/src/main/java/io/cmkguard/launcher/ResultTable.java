package io.cmkguard.launcher;

import io.cmkguard.util.Echo;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A plain-text table with a header row; columns as wide as their widest cell. Cells are clean, one-line
 * text (Echo): a name cannot add rows, move columns or drive the terminal.
 */
final class ResultTable {
    private final List<String> header;
    private final List<List<String>> rows = new ArrayList<>();

    ResultTable(String... header) {
        this.header = List.of(header);
    }

    void add(String... cells) {
        if (cells.length != header.size()) {
            throw new IllegalArgumentException("expected " + header.size() + " cells, got " + cells.length);
        }
        rows.add(Stream.of(cells).map(Echo::bounded).toList());
    }

    void print(PrintStream out) {
        print(out, Integer.MAX_VALUE);
    }

    /** Prints the table with every line at most {@code lineWidth} characters: the last column is cut to fit. */
    void print(PrintStream out, int lineWidth) {
        int[] widths = new int[header.size()];
        List<List<String>> all = new ArrayList<>();
        all.add(header);
        all.addAll(rows);
        for (List<String> row : all) {
            for (int i = 0; i < row.size(); i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        printRow(out, header, widths, lineWidth);
        List<String> rule = new ArrayList<>();
        for (int width : widths) {
            rule.add("-".repeat(width));
        }
        printRow(out, rule, widths, lineWidth);
        rows.forEach(row -> printRow(out, row, widths, lineWidth));
    }

    private static void printRow(PrintStream out, List<String> row, int[] widths, int lineWidth) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < row.size(); i++) {
            boolean last = i == row.size() - 1;
            line.append(last ? row.get(i) : String.format("%-" + widths[i] + "s  ", row.get(i)));
        }
        out.println(cut(line.toString(), lineWidth));
    }

    /** The text, or its first max-1 characters and an ellipsis. */
    static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, Math.max(0, max - 1)) + "…";
    }
}

package dev.mcpguard.demo;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Locale;

/**
 * The reconnect loops of a scenario drawn over time as an SVG picture, one lane per server: a dot for each planned
 * reconnect, a cross for each failure counted against the budget, and the lane greyed from where the server was
 * given up. Written by the demo itself ({@code --chart}), so the README's pictures come from real runs.
 */
final class ReconnectChart {

    private static final int WIDTH = 760;
    private static final int LEFT = 140;
    private static final int RIGHT = WIDTH - 30;
    private static final int TOP = 44;
    private static final int LANE = 44;
    private static final int MAX_TICKS = 12;
    private static final String PLANNED = "#2e7d32";
    private static final String FAILURE = "#c62828";
    private static final String GIVEN_UP = "#e0e0e0";

    private final StringBuilder svg = new StringBuilder();
    private final long startNanos;
    private final double seconds;

    private ReconnectChart(long startNanos, long endNanos) {
        this.startNanos = startNanos;
        double duration = (endNanos - startNanos) / 1e9;
        // Room after the last mark for its label ("given up").
        this.seconds = Math.ceil(duration + Math.max(1, 0.15 * duration));
    }

    /**
     * Draws the loops from {@code startNanos} to now into the file of {@code --chart}, if it was given, and says where
     * (or why not: a chart that cannot be written does not change the scenario's result).
     */
    static void writeIfAsked(DemoOptions options, long startNanos, List<ReconnectLoop> loops, PrintStream out) {
        if (options.chart() == null) {
            return;
        }
        String title = "reconnect loops: " + Summary.loopsTitle(options.scenario());
        ReconnectChart chart = new ReconnectChart(startNanos, System.nanoTime());
        try {
            Files.writeString(options.chart(), chart.draw(title, loops), StandardCharsets.UTF_8);
            out.println("chart written to " + options.chart());
        } catch (IOException e) {
            out.println("could not write the chart to " + options.chart() + ": " + e);
        }
    }

    private String draw(String title, List<ReconnectLoop> loops) {
        int axisY = TOP + loops.size() * LANE + 6;
        int height = axisY + 64;
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\""
                + " font-family=\"sans-serif\" font-size=\"12\">%n", WIDTH, height));
        svg.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", WIDTH, height));
        text(10, 22, "font-size=\"14\" font-weight=\"bold\"", title);
        for (int i = 0; i < loops.size(); i++) {
            lane(loops.get(i), TOP + i * LANE + LANE / 2);
        }
        axis(axisY);
        legend(axisY + 44);
        svg.append("</svg>\n");
        return svg.toString();
    }

    private void lane(ReconnectLoop loop, int y) {
        List<ReconnectLoop.Ending> endings = loop.endings();
        text(10, y + 4, "", loop.name());
        line(LEFT, y, RIGHT, y, "#bdbdbd");
        int failures = 0;
        for (ReconnectLoop.Ending ending : endings) {
            if (ending.failure() && ++failures == ReconnectLoop.BUDGET) {
                double x = x(ending.nanos());
                svg.append(String.format(Locale.ROOT, "<rect class=\"given-up\" x=\"%.1f\" y=\"%d\" width=\"%.1f\""
                        + " height=\"%d\" fill=\"%s\"/>%n", x, y - 14, RIGHT - x, 28, GIVEN_UP));
                text(x + 12, y + 4, "fill=\"#616161\"", "given up");
            }
        }
        failures = 0;
        for (ReconnectLoop.Ending ending : endings) {
            double x = x(ending.nanos());
            if (ending.failure()) {
                failures++;
                svg.append(String.format(Locale.ROOT, "<g class=\"failure\" stroke=\"%s\" stroke-width=\"2.5\">"
                        + "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\"/><line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\""
                        + " y2=\"%d\"/></g>%n", FAILURE, x - 5, y - 5, x + 5, y + 5, x - 5, y + 5, x + 5, y - 5));
                text(x - 8, y - 10, "font-size=\"10\" fill=\"" + FAILURE + "\"", failures + "/" + ReconnectLoop.BUDGET);
            } else {
                svg.append(String.format(Locale.ROOT, "<circle class=\"planned\" cx=\"%.1f\" cy=\"%d\" r=\"5\""
                        + " fill=\"%s\"/>%n", x, y, PLANNED));
            }
        }
    }

    private void axis(int y) {
        line(LEFT, y, RIGHT, y, "#424242");
        double step = tickStep();
        for (double t = 0; t <= seconds + 1e-9; t += step) {
            double x = LEFT + (RIGHT - LEFT) * t / seconds;
            line(x, y, x, y + 5, "#424242");
            text(x - 8, y + 18, "", String.format(Locale.ROOT, "%.0f s", t));
        }
    }

    /** 1, 2, 5, 10, 20, 50 ... seconds: the smallest that keeps the axis at {@link #MAX_TICKS} labels or fewer. */
    private double tickStep() {
        for (double decade = 1; ; decade *= 10) {
            for (double step : new double[] {decade, 2 * decade, 5 * decade}) {
                if (seconds / step <= MAX_TICKS) {
                    return step;
                }
            }
        }
    }

    private void legend(int y) {
        svg.append(String.format(Locale.ROOT, "<circle cx=\"%d\" cy=\"%d\" r=\"5\" fill=\"%s\"/>%n", LEFT, y - 4,
                PLANNED));
        text(LEFT + 10, y, "", "planned reconnect");
        int cross = LEFT + 150;
        svg.append(String.format(Locale.ROOT, "<g stroke=\"%s\" stroke-width=\"2.5\"><line x1=\"%d\" y1=\"%d\""
                + " x2=\"%d\" y2=\"%d\"/><line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/></g>%n", FAILURE,
                cross - 5, y - 9, cross + 5, y + 1, cross - 5, y + 1, cross + 5, y - 9));
        text(cross + 10, y, "", "failure counted (n/" + ReconnectLoop.BUDGET + " of the budget)");
        int grey = cross + 250;
        svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"16\" height=\"12\" fill=\"%s\"/>%n",
                grey, y - 10, GIVEN_UP));
        text(grey + 22, y, "", "server given up");
    }

    private double x(long nanos) {
        return LEFT + (RIGHT - LEFT) * Math.min(1, Math.max(0, (nanos - startNanos) / 1e9 / seconds));
    }

    private void line(double x1, double y1, double x2, double y2, String colour) {
        svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\"/>%n",
                x1, y1, x2, y2, colour));
    }

    private void text(double x, double y, String attributes, String text) {
        svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" %s>%s</text>%n", x, y, attributes,
                escape(text)));
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}

package org.clusterdeck.topology;

/**
 * Colours of the diagram ("#RRGGBB" or "#RRGGBBAA"). State colours are chosen to stay apart in
 * both themes and are never the only cue: every state also has a shape and a word.
 */
public record DiagramTheme(
        String background,
        String bandFill,
        String bandStroke,
        String bandTitle,
        String hostFill,
        String hostStroke,
        String nodeFill,
        String nodeStroke,
        String serviceFill,
        String text,
        String mutedText,
        String edgeBackend,
        String edgeReplication,
        String edgeHosted,
        String labelFill,
        String selection,
        String highlight,
        String running,
        String stopped,
        String paused,
        String unreachable,
        double nameScale,
        double textScale,
        double strokeScale) {

    /** A theme at normal size. */
    public DiagramTheme(String background, String bandFill, String bandStroke, String bandTitle, String hostFill,
                        String hostStroke, String nodeFill, String nodeStroke, String serviceFill, String text,
                        String mutedText, String edgeBackend, String edgeReplication, String edgeHosted,
                        String labelFill, String selection, String highlight, String running, String stopped,
                        String paused, String unreachable) {
        this(background, bandFill, bandStroke, bandTitle, hostFill, hostStroke, nodeFill, nodeStroke, serviceFill, text,
                mutedText, edgeBackend, edgeReplication, edgeHosted, labelFill, selection, highlight, running, stopped,
                paused, unreachable, 1, 1, 1);
    }

    public static final DiagramTheme LIGHT = new DiagramTheme(
            "#FFFFFF", "#F3F6FA", "#D8DEE8", "#3D4A5C",
            "#FBFCFE", "#8A97AB", "#FFFFFF", "#C3CCD9", "#F4F1FF",
            "#1F2328", "#59636E", "#2F6FEB", "#8250DF", "#8C959F",
            "#FFFFFFEE", "#0969DA", "#F5A623",
            "#1A7F37", "#6E7781", "#BF8700", "#CF222E");

    public static final DiagramTheme DARK = new DiagramTheme(
            "#0D1117", "#161B22", "#30363D", "#C9D1D9",
            "#1C2128", "#6E7B8F", "#22272E", "#444C56", "#231F3A",
            "#E6EDF3", "#9BA7B4", "#58A6FF", "#BC8CFF", "#768390",
            "#0D1117EE", "#58A6FF", "#F0B429",
            "#3FB950", "#8B949E", "#D29922", "#F85149");

    /**
     * Black on white with saturated state colours and no pale greys: for projectors, whose
     * washed-out contrast makes the light theme's muted text vanish.
     */
    public static final DiagramTheme HIGH_CONTRAST = new DiagramTheme(
            "#FFFFFF", "#FFFFFF", "#B0B0B0", "#000000",
            "#FFFFFF", "#000000", "#FFFFFF", "#000000", "#FFFFFF",
            "#000000", "#1A1A1A", "#0040C0", "#6A00C8", "#333333",
            "#FFFFFFFF", "#0040C0", "#D04000",
            "#006B1E", "#3A3A3A", "#8A5A00", "#B00000");

    /**
     * This theme for the back of a room: node names {@code names} times larger, other text
     * {@code text} times, lines {@code strokes} times thicker; boxes keep their size, so the
     * layout and Fit do not change and larger text means larger on screen.
     */
    public DiagramTheme scaled(double names, double text, double strokes) {
        return new DiagramTheme(background, bandFill, bandStroke, bandTitle, hostFill, hostStroke, nodeFill, nodeStroke,
                serviceFill, this.text, mutedText, edgeBackend, edgeReplication, edgeHosted, labelFill, selection,
                highlight, running, stopped, paused, unreachable, names, text, strokes);
    }

    /** The colour that marks a state. */
    public String stateColor(NodeState state) {
        return switch (state) {
            case RUNNING, UP -> running;
            case STOPPED -> stopped;
            case PAUSED -> paused;
            case UNREACHABLE -> unreachable;
            case NONE -> mutedText;
        };
    }

    public String badgeColor(Badge.Level level) {
        return switch (level) {
            case INFO -> edgeBackend;
            case OK -> running;
            case WARNING -> paused;
            case CRITICAL -> unreachable;
            case NEUTRAL -> mutedText;
        };
    }
}

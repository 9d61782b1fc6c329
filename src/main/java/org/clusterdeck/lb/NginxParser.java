package org.clusterdeck.lb;

import java.util.ArrayList;
import java.util.List;

/**
 * nginx's configuration syntax read as nginx reads it: words and quoted strings, directives ended
 * by {@code ;}, blocks in braces, {@code #} comments to the end of the line (so a directive behind a
 * comment on the same line is ignored, as nginx ignores it). Nothing is evaluated or included.
 */
public final class NginxParser {
    /** One directive: its arguments (quotes removed), its block's directives (null: a simple directive). */
    public record Directive(String name, List<String> args, List<Directive> block, int line) {
        public String arg(int i) {
            return i < args.size() ? args.get(i) : null;
        }

        public List<Directive> children(String n) {
            return block == null ? List.of() : block.stream().filter(d -> d.name.equals(n)).toList();
        }

        public Directive child(String n) {
            List<Directive> c = children(n);
            return c.isEmpty() ? null : c.get(c.size() - 1);
        }
    }

    /** A comment that holds what looks like directives (the line and the comment's text). */
    public record Comment(int line, String text) {
    }

    public record Parsed(List<Directive> directives, List<Comment> comments) {
    }

    private final String s;
    private int i;
    private int line = 1;
    private final List<Comment> comments = new ArrayList<>();

    private NginxParser(String s) {
        this.s = s;
    }

    public static Parsed parse(String text) {
        NginxParser p = new NginxParser(text);
        List<Directive> top = p.block(false);
        return new Parsed(top, List.copyOf(p.comments));
    }

    private List<Directive> block(boolean nested) {
        List<Directive> out = new ArrayList<>();
        List<String> words = new ArrayList<>();
        int start = -1;
        while (true) {
            Token t = next();
            if (t == null) {
                if (nested) {
                    throw new LbException("Line " + line + ": the file ends inside a block: a '}' is missing.");
                }
                if (!words.isEmpty()) {
                    throw new LbException("Line " + start + ": '" + words.get(0) + "' is not ended by ';'.");
                }
                return out;
            }
            if (t.word != null) {
                if (words.isEmpty()) {
                    start = t.line;
                }
                words.add(t.word);
                continue;
            }
            switch (t.punct) {
                case ';' -> {
                    if (words.isEmpty()) {
                        throw new LbException("Line " + t.line + ": unexpected ';'.");
                    }
                    out.add(new Directive(words.get(0), List.copyOf(words.subList(1, words.size())), null, start));
                    words.clear();
                }
                case '{' -> {
                    if (words.isEmpty()) {
                        throw new LbException("Line " + t.line + ": a block '{' without a directive name.");
                    }
                    int at = start;
                    List<String> head = List.copyOf(words);
                    words.clear();
                    out.add(new Directive(head.get(0), head.subList(1, head.size()), block(true), at));
                }
                default -> {
                    if (!nested) {
                        throw new LbException("Line " + t.line + ": a '}' closes no block.");
                    }
                    if (!words.isEmpty()) {
                        throw new LbException("Line " + start + ": '" + words.get(0) + "' is not ended by ';'.");
                    }
                    return out;
                }
            }
        }
    }

    private record Token(String word, char punct, int line) {
    }

    private Token next() {
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '\n') {
                line++;
                i++;
            } else if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '#') {
                int end = s.indexOf('\n', i);
                end = end < 0 ? s.length() : end;
                String text = s.substring(i + 1, end);
                if (text.matches(".*\\b(upstream|server|location|proxy_\\w+|ssl_\\w+|keepalive)\\b.*[;{].*")) {
                    comments.add(new Comment(line, text.strip()));
                }
                i = end;
            } else if (c == ';' || c == '{' || c == '}') {
                i++;
                return new Token(null, c, line);
            } else if (c == '"' || c == '\'') {
                int at = line;
                StringBuilder w = new StringBuilder();
                i++;
                while (true) {
                    if (i >= s.length()) {
                        throw new LbException("Line " + at + ": a quoted string is not closed.");
                    }
                    char d = s.charAt(i++);
                    if (d == c) {
                        break;
                    }
                    if (d == '\\' && i < s.length()) {
                        d = s.charAt(i++);
                    }
                    if (d == '\n') {
                        line++;
                    }
                    w.append(d);
                }
                return new Token(w.toString(), ' ', at);
            } else {
                int from = i;
                while (i < s.length() && !Character.isWhitespace(s.charAt(i)) && ";{}".indexOf(s.charAt(i)) < 0
                        && !(s.charAt(i) == '#' && i == from)) {
                    i++;
                }
                return new Token(s.substring(from, i), ' ', line);
            }
        }
        return null;
    }
}

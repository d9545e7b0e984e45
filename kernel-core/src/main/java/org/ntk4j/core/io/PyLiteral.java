package org.ntk4j.core.io;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parser for the small subset of Python literal syntax used in {@code .npy} headers:
 * dicts with string keys, strings, {@code True}/{@code False}, integers (a Python 2
 * {@code L} suffix is accepted) and tuples/lists. Dicts become {@link Map}s, tuples and
 * lists become {@link List}s, integers become {@link Long}s.
 */
final class PyLiteral {

    private final String text;
    private int pos;

    private PyLiteral(String text) {
        this.text = text;
    }

    /**
     * Parses {@code text} as one literal followed only by whitespace.
     *
     * @throws IllegalArgumentException naming the position and what was expected
     */
    static Object parse(String text) {
        PyLiteral p = new PyLiteral(text);
        Object value = p.value();
        p.skipSpace();
        if (p.pos != text.length()) {
            throw p.error("end of header");
        }
        return value;
    }

    private Object value() {
        skipSpace();
        if (pos >= text.length()) {
            throw error("a value");
        }
        char c = text.charAt(pos);
        if (c == '{') {
            return dict();
        }
        if (c == '(') {
            return sequence('(', ')');
        }
        if (c == '[') {
            return sequence('[', ']');
        }
        if (c == '\'' || c == '"') {
            return string();
        }
        if (c == '-' || Character.isDigit(c)) {
            return integer();
        }
        if (text.startsWith("True", pos)) {
            pos += 4;
            return Boolean.TRUE;
        }
        if (text.startsWith("False", pos)) {
            pos += 5;
            return Boolean.FALSE;
        }
        throw error("a string, integer, True, False, tuple, list or dict");
    }

    private Map<String, Object> dict() {
        Map<String, Object> map = new LinkedHashMap<>();
        expect('{');
        while (!tryConsume('}')) {
            skipSpace();
            if (pos >= text.length() || (text.charAt(pos) != '\'' && text.charAt(pos) != '"')) {
                throw error("a string key or '}'");
            }
            String key = string();
            expect(':');
            if (map.put(key, value()) != null) {
                throw new IllegalArgumentException("duplicate key '" + key + "' in " + quoted());
            }
            if (!tryConsume(',')) {
                expect('}');
                break;
            }
        }
        return map;
    }

    /** A tuple or list; a parenthesised single value without a comma is that value, as in Python. */
    private Object sequence(char open, char close) {
        List<Object> items = new ArrayList<>();
        expect(open);
        boolean sawComma = false;
        while (!tryConsume(close)) {
            items.add(value());
            if (tryConsume(',')) {
                sawComma = true;
            } else {
                expect(close);
                break;
            }
        }
        return open == '(' && items.size() == 1 && !sawComma ? items.get(0) : items;
    }

    private String string() {
        char quote = text.charAt(pos++);
        StringBuilder sb = new StringBuilder();
        while (pos < text.length() && text.charAt(pos) != quote) {
            char c = text.charAt(pos++);
            if (c == '\\' && pos < text.length()) {
                c = text.charAt(pos++);
            }
            sb.append(c);
        }
        if (pos >= text.length()) {
            throw error("closing " + quote);
        }
        pos++;
        return sb.toString();
    }

    private Long integer() {
        int start = pos;
        if (text.charAt(pos) == '-') {
            pos++;
        }
        while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
            pos++;
        }
        String digits = text.substring(start, pos);
        if (pos < text.length() && text.charAt(pos) == 'L') {
            pos++;
        }
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException e) {
            pos = start;
            throw error("an integer that fits in 64 bits");
        }
    }

    private void expect(char c) {
        if (!tryConsume(c)) {
            throw error("'" + c + "'");
        }
    }

    private boolean tryConsume(char c) {
        skipSpace();
        if (pos < text.length() && text.charAt(pos) == c) {
            pos++;
            return true;
        }
        return false;
    }

    private void skipSpace() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private IllegalArgumentException error(String expected) {
        String found = pos < text.length() ? "'" + text.charAt(pos) + "'" : "end of text";
        return new IllegalArgumentException(
                "expected " + expected + " at position " + pos + " but found " + found + " in " + quoted());
    }

    private String quoted() {
        return "\"" + text.strip() + "\"";
    }
}
